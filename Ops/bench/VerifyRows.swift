import Foundation
import MutualLedger
import PartnershipEvents

/// Verifies a ledger in this process with `jobs` signature threads, returning wall and CPU seconds
/// (of the thread for one job, of the whole process for more);
/// throws if it is not valid (the benchmark would be meaningless).
func verifySeconds(_ directory: URL, events: Int, jobs: Int) throws -> (wall: Double, cpu: Double) {
    var report: VerificationReport?
    let run = {
        report = try Ledger(directory: LedgerDirectory(directory), rules: PartnershipRules()).verify(jobs: jobs)
    }
    let seconds = jobs > 1 ? try Timing.measureProcess(run) : try Timing.measure(run)
    guard let report, report.isValid, report.verified == events else {
        throw BenchError("the generated ledger did not verify: \(report?.failure?.description ?? "no report")")
    }
    return seconds
}

/// How many 1-thread in-process verify runs the benchmark interleaves with raw verify measurements.
let sequentialRuns = 3

/// The verify (in process, child, Python baseline) and report rows of one ledger.
func measureVerifyAndReports(_ options: BenchOptions, size: Int, ledger: LedgerGenerator.Result, probe: Ed25519Probe, cores: Int,
                             mutual: String?, work: URL, rows: inout [BenchRow]) throws {
    log("verifying in process (1 thread, \(sequentialRuns) runs, each between two raw verify measurements; then \(cores) signature threads)")
    let runs = size <= 20_000 ? 3 : 1
    let cacheBefore = LedgerCopy.cacheNames(ledger.directory)   // before any report: the ledger's own append cache
    // One thread: raw, verify, raw, verify, raw, verify, raw; each verify against the mean of the
    // raw rates just before and after it, the row the median pair (InterleavedRuns).
    var interleaved = InterleavedRuns(firstRaw: probe.verifyRate(seconds: options.rawSeconds / 2))
    for _ in 0..<sequentialRuns {
        interleaved.add(try verifySeconds(ledger.directory, events: size, jobs: 1), rawAfter: probe.verifyRate(seconds: options.rawSeconds / 2))
    }
    let before = interleaved.lastRaw
    let parallel = try (0..<runs).map { _ in try verifySeconds(ledger.directory, events: size, jobs: cores) }
    let after = probe.verifyRate(seconds: options.rawSeconds / 2)
    let adjacent = (before.wall + after.wall) / 2
    let parallelWall = Timing.median(parallel.map(\.wall))
    rows.append(BenchRow("verify, \(cores) threads (Ledger.verify)", Quantity(value: Double(size) / parallelWall, unit: "ev/s"),
                         limit: Quantity(value: adjacent * Double(cores), unit: "/s"), limitName: "\(cores) x raw verify, adjacent",
                         target: Target(kind: .atLeast, threshold: 0.85, on: "ratio"),
                         note: "\(runs > 1 ? "median of \(runs) runs" : String(format: "one run, %.1f s wall", parallelWall)); signatures on \(cores) worker threads"))
    let parallelCPU = Timing.median(parallel.map(\.cpu))
    rows.append(BenchRow("verify, \(cores) threads, per process CPU-s", Quantity(value: Double(size) / parallelCPU, unit: "ev/s"),
                         limit: Quantity(value: (before.cpu + after.cpu) / 2, unit: "/s"), limitName: "raw verify, adjacent",
                         note: String(format: "efficiency of the parallel pass; it got %.2f cores on average", parallelCPU / parallelWall)))
    let wall = interleaved.median(events: size, cpu: false)
    rows.append(BenchRow("verify, 1 thread (Ledger.verify)", Quantity(value: wall.rate, unit: "ev/s"),
                         limit: Quantity(value: wall.limit, unit: "/s"), limitName: "raw verify, adjacent",
                         target: Target(kind: .atLeast, threshold: 0.8, on: "ratio"),
                         note: String(format: "median of %d runs by ratio (this one %.1f s wall), each against the mean of the raw verify rates measured just before and after it; ", sequentialRuns, wall.seconds) + wall.spreadText))
    let cpu = interleaved.median(events: size, cpu: true)
    rows.append(BenchRow("verify, 1 thread, per CPU-s", Quantity(value: cpu.rate, unit: "ev/s"),
                         limit: Quantity(value: cpu.limit, unit: "/s"), limitName: "raw verify, adjacent",
                         target: Target(kind: .atLeast, threshold: 0.8, on: "ratio"),
                         note: String(format: "thread CPU time: the fair ratio when other processes share the cores; median of %d runs by ratio (this one %.2f CPU-s), each against the raw verify per CPU-second just before and after it; ", sequentialRuns, cpu.seconds) + cpu.spreadText))

    log("verifying in a child process (\(runs) run(s), alternated with the Python baseline), between two raw verify measurements")
    let child = mutual.map { ($0, ["verify", "--ledger", ledger.directory.path]) }
        ?? (ChildProcess.currentExecutable(), ["--verify-only", ledger.directory.path])
    let childName = mutual == nil ? "mutual-bench --verify-only" : "mutual verify"
    let python = options.python != "none" && FileManager.default.fileExists(atPath: options.peerScript)
    var children: [ChildProcess.Outcome] = []
    var peers: [ChildProcess.Outcome] = []
    let rawBefore = probe.verifyRate(seconds: options.rawSeconds / 2)
    for _ in 0..<runs {
        children.append(try ChildProcess.runChecked(child.0, child.1, scratch: work))
        if python {
            let peer = try ChildProcess.run("/usr/bin/env", [options.python, options.peerScript, ledger.directory.path], scratch: work)
            if peer.exitCode == 0 { peers.append(peer) } else { log("the Python baseline failed (exit \(peer.exitCode)): \(peer.stderr); pip install cryptography?") }
        }
    }
    let rawAfter = probe.verifyRate(seconds: options.rawSeconds / 2)
    let childSeconds = Timing.median(children.map(\.seconds))
    let childCPU = Timing.median(children.map(\.cpuSeconds))
    let processHow = runs > 1 ? "median of \(runs) runs" : "one run"
    rows.append(BenchRow("verify (\(childName) process)", Quantity(value: Double(size) / childSeconds, unit: "ev/s"),
                         limit: Quantity(value: (rawBefore.wall + rawAfter.wall) / 2 * Double(cores), unit: "/s"),
                         limitName: "\(cores) x raw verify, adjacent", target: Target(kind: .atLeast, threshold: 0.85, on: "ratio"),
                         note: "\(processHow); includes process start; all cores; " + String(format: "%.2f s wall, %.2f s CPU (it got %.2f cores)",
                                                                                    childSeconds, childCPU, childCPU / childSeconds)))
    rows.append(BenchRow("verify peak memory (max RSS), \(Quantity.grouped(size)) events",
                         Quantity(value: Double(children.map(\.maxRSSBytes).max() ?? 0) / 1e6, unit: "MB"),
                         target: Target(kind: .below, threshold: 64, on: "value"),
                         note: "ru_maxrss of the \(childName) child (the largest of its runs), 1 MB = 10^6 bytes"))

    if peers.count == runs, runs > 0 {
        let peerSeconds = Timing.median(peers.map(\.seconds))
        let peerCPU = Timing.median(peers.map(\.cpuSeconds))
        let rate = Double(size) / peerSeconds
        rows.append(BenchRow("verify, Python baseline process", Quantity(value: rate, unit: "ev/s"),
                             note: "Ops/peers/verify.py (cryptography/OpenSSL, one thread; checks less: no rules, no tree); \(processHow); "
                                + String(format: "%.2f s wall, %.2f s CPU", peerSeconds, peerCPU)))
        rows.append(BenchRow("\(childName) vs Python baseline", Quantity(value: Double(size) / childSeconds, unit: "ev/s"),
                             limit: Quantity(value: rate, unit: "ev/s"), limitName: "Python baseline",
                             target: Target(kind: .atLeast, threshold: 3, on: "ratio"),
                             note: "both as processes, same ledger, runs alternated; wall time"))
        rows.append(BenchRow("\(childName) vs Python baseline, per CPU-s", Quantity(value: Double(size) / childCPU, unit: "ev/s"),
                             limit: Quantity(value: Double(size) / peerCPU, unit: "ev/s"), limitName: "Python baseline per CPU-s",
                             note: "the same runs divided by their CPU time (user + system): steadier on shared cores; it counts every thread, so it does not show a parallel speed-up"))
    }
    if let mutual {
        rows += try reportFromScratchRows(mutual: mutual, size: size, ledger: ledger, runs: runs, cacheBefore: cacheBefore, work: work)
    }
}


/// `mutual report reciprocity` rebuilt from the log: every report snapshot in DIR/cache is removed
/// before each run (the median of `runs` is reported), and the child's peak memory.
func reportFromScratchRows(mutual: String, size: Int, ledger: LedgerGenerator.Result, runs: Int,
                           cacheBefore: Set<String>, work: URL) throws -> [BenchRow] {
    log("timing `mutual report reciprocity` from scratch (projection rebuilt from the log, \(runs) run(s))")
    var outcomes: [ChildProcess.Outcome] = []
    var removed: Set<String> = []
    for _ in 0..<runs {
        removed.formUnion(LedgerCopy.removeReportSnapshots(ledger.directory, keeping: cacheBefore))
        outcomes.append(try ChildProcess.runChecked(mutual, ["report", "reciprocity", "--ledger", ledger.directory.path], scratch: work))
    }
    removed.formUnion(LedgerCopy.removeReportSnapshots(ledger.directory, keeping: cacheBefore))   // later rows start clean too
    let seconds = Timing.median(outcomes.map(\.seconds))
    let cpu = Timing.median(outcomes.map(\.cpuSeconds))
    let peak = outcomes.map(\.maxRSSBytes).max() ?? 0
    let cleared = removed.isEmpty ? "no report snapshot was in DIR/cache" : "removed from DIR/cache before each run: \(removed.sorted().joined(separator: ", "))"
    return [
        BenchRow("report reciprocity from scratch (mutual process)", Quantity(value: Double(size) / seconds, unit: "ev/s"),
                 target: Target(kind: .atLeast, threshold: 200_000, on: "value"),
                 note: (runs > 1 ? "median of \(runs) runs" : "one run")
                    + String(format: "; rebuilds the projection from the whole log; includes process start; %.2f s wall, %.2f s CPU; ", seconds, cpu)
                    + cleared),
        BenchRow("report peak memory (max RSS), \(Quantity.grouped(size)) events", Quantity(value: Double(peak) / 1e6, unit: "MB"),
                 target: Target(kind: .below, threshold: 64, on: "value"), note: "ru_maxrss of the report child (the largest of its runs)"),
    ]
}
