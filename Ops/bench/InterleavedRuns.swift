/// Timed runs interleaved with raw-rate measurements: raw, run, raw, run, …, raw. Each run is
/// judged against the mean of the raw rates measured just before and just after it, and the
/// row reports the pair with the median ratio, so one raw slice that a busy neighbour slowed
/// (or sped up) moves the row much less than with one raw measurement on each side of one run.
///
/// ```swift
/// var runs = InterleavedRuns(firstRaw: probe.verifyRate(seconds: 0.5))
/// for _ in 0..<3 { runs.add(try verifySeconds(dir, events: n, jobs: 1), rawAfter: probe.verifyRate(seconds: 0.5)) }
/// let pick = runs.median(events: n, cpu: true)   // rate, adjacent raw rate, and every pair's ratio
/// pick.rate / pick.limit                          // the median ratio
/// ```
struct InterleavedRuns {
    /// The raw rates, one more than the runs: `raws[i]` before run `i`, `raws[i + 1]` after it.
    private(set) var raws: [Timing.Rate]
    private(set) var runs: [(wall: Double, cpu: Double)] = []

    init(firstRaw: Timing.Rate) { raws = [firstRaw] }

    mutating func add(_ run: (wall: Double, cpu: Double), rawAfter: Timing.Rate) {
        runs.append(run)
        raws.append(rawAfter)
    }

    /// The run and raw limit of the pair whose ratio is the median (for an even count, the
    /// lower middle one, so the row is always one measured pair); `ratios` in run order.
    struct Pick {
        var rate: Double
        var limit: Double
        var ratios: [Double]
        var seconds: Double
    }

    /// The median pair by events per second (CPU-second of the run with `cpu`, else wall) over
    /// the adjacent raw rate in the same unit.
    func median(events: Int, cpu: Bool) -> Pick {
        let pairs = runs.indices.map { index -> (rate: Double, limit: Double, seconds: Double) in
            let seconds = cpu ? runs[index].cpu : runs[index].wall
            let before = cpu ? raws[index].cpu : raws[index].wall
            let after = cpu ? raws[index + 1].cpu : raws[index + 1].wall
            return (Double(events) / seconds, (before + after) / 2, seconds)
        }
        let ratios = pairs.map { $0.limit > 0 ? $0.rate / $0.limit : 0 }
        let order = ratios.indices.sorted { ratios[$0] < ratios[$1] }
        guard !order.isEmpty else { return Pick(rate: 0, limit: 0, ratios: [], seconds: 0) }
        let middle = order[(order.count - 1) / 2]
        return Pick(rate: pairs[middle].rate, limit: pairs[middle].limit, ratios: ratios, seconds: pairs[middle].seconds)
    }

    /// The last raw rate measured (after the last run).
    var lastRaw: Timing.Rate { raws[raws.count - 1] }
}

extension InterleavedRuns.Pick {
    /// "ratios 0.81, 0.84, 0.86 (spread 0.05)": every pair's ratio in run order, for the row's note.
    var spreadText: String {
        let listed = ratios.map { String(format: "%.3f", $0) }.joined(separator: ", ")
        let spread = (ratios.max() ?? 0) - (ratios.min() ?? 0)
        return "ratios of the \(ratios.count) pairs \(listed) (spread " + String(format: "%.3f", spread) + ")"
    }
}
