#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation

/// Wall-clock helpers for the benchmark: a monotonic stopwatch, medians, and
/// "repeat this for about T seconds" loops.
enum Timing {
    /// Seconds elapsed while running `body`.
    static func seconds(_ body: () throws -> Void) rethrows -> Double {
        let start = ContinuousClock.now
        try body()
        return seconds(since: start)
    }

    static func seconds(since start: ContinuousClock.Instant) -> Double {
        let duration = ContinuousClock.now - start
        let parts = duration.components
        return Double(parts.seconds) + Double(parts.attoseconds) / 1e18
    }

    /// The median of `values` (the mean of the middle two for an even count); 0 for none.
    static func median(_ values: [Double]) -> Double {
        guard !values.isEmpty else { return 0 }
        let sorted = values.sorted()
        let middle = sorted.count / 2
        return sorted.count % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2
    }

    /// CPU seconds used so far by the calling thread: unlike wall time, not inflated when
    /// other processes share the cores.
    static func threadCPUSeconds() -> Double {
        var spec = timespec()
        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &spec)
        return Double(spec.tv_sec) + Double(spec.tv_nsec) / 1e9
    }

    /// CPU seconds used so far by every thread of this process.
    static func processCPUSeconds() -> Double {
        var spec = timespec()
        clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &spec)
        return Double(spec.tv_sec) + Double(spec.tv_nsec) / 1e9
    }

    /// Wall seconds of `body` and CPU seconds of the whole process (all threads) meanwhile.
    static func measureProcess(_ body: () throws -> Void) rethrows -> (wall: Double, cpu: Double) {
        let cpu = processCPUSeconds()
        let wall = try seconds(body)
        return (wall, processCPUSeconds() - cpu)
    }

    /// Operations per wall-clock second and per CPU second of this thread.
    struct Rate: Codable {
        var wall: Double
        var cpu: Double
    }

    /// Wall and CPU seconds of `body`.
    static func measure(_ body: () throws -> Void) rethrows -> (wall: Double, cpu: Double) {
        let cpu = threadCPUSeconds()
        let wall = try seconds(body)
        return (wall, threadCPUSeconds() - cpu)
    }

    /// Runs `body` (which does `unit` operations per call) repeatedly for about `duration` seconds.
    static func rate(for duration: Double, unit: Int = 1, _ body: () -> Void) -> Rate {
        var operations = 0
        let start = ContinuousClock.now
        let cpuStart = threadCPUSeconds()
        var elapsed = 0.0
        repeat {
            body()
            operations += unit
            elapsed = seconds(since: start)
        } while elapsed < duration
        let cpu = max(threadCPUSeconds() - cpuStart, 1e-9)
        return Rate(wall: Double(operations) / elapsed, cpu: Double(operations) / cpu)
    }

    /// The median rates of `slices` runs of `rate(for:unit:_:)`, each `total / slices` seconds long.
    static func medianRate(total: Double, slices: Int = 3, unit: Int = 1, _ body: () -> Void) -> Rate {
        let count = max(slices, 1)
        let rates = (0..<count).map { _ in rate(for: total / Double(count), unit: unit, body) }
        return Rate(wall: median(rates.map(\.wall)), cpu: median(rates.map(\.cpu)))
    }
}
