#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation

/// Runs a child process and reports its wall time, exit status and peak resident memory
/// (from `wait4`, so the figure is that child's alone, not the benchmark's).
enum ChildProcess {
    struct Outcome {
        var seconds: Double
        var exitCode: Int32
        /// Peak resident set size in bytes (`ru_maxrss`).
        var maxRSSBytes: Int
        /// User + system CPU seconds of the child (`ru_utime + ru_stime`).
        var cpuSeconds: Double
        var stderr: String
    }

    /// GNU time, when present: it runs the command as its own child, so the peak memory it reports
    /// is the command's alone. The child of a `posix_spawn` (or `fork`) from this process inherits this
    /// process's resident-set high-water mark when it execs (Linux keeps the larger in the child's
    /// `maxrss`), so `ru_maxrss` from `wait4` here would be at least the benchmark's own peak
    /// (hundreds of MB after generating a large ledger), not the command's.
    static let timeTool = "/usr/bin/time"

    /// Runs `executable` with `arguments`, stdout to /dev/null and stderr to a scratch file; through
    /// ``timeTool`` when it exists, for a peak-memory figure of the command alone.
    static func run(_ executable: String, _ arguments: [String], scratch: URL) throws -> Outcome {
        guard FileManager.default.isExecutableFile(atPath: timeTool) else { return try spawn(executable, arguments, scratch: scratch) }
        let report = scratch.appendingPathComponent("child-time-\(getpid()).txt").path
        var outcome = try spawn(timeTool, ["-f", "%M %U %S", "-o", report, executable] + arguments, scratch: scratch)
        defer { unlink(report) }
        // The last line is "KiB user system"; before it GNU time may add "Command exited with non-zero status N".
        let text = (try? String(contentsOfFile: report, encoding: .utf8)) ?? ""
        let fields = text.split(separator: "\n").last?.split(separator: " ").compactMap { Double($0) } ?? []
        guard fields.count == 3 else {
            throw BenchError("\(timeTool) did not report the peak memory of \(executable) (\(text.prefix(120))); is it GNU time?")
        }
        outcome.maxRSSBytes = Int(fields[0]) * 1024
        outcome.cpuSeconds = fields[1] + fields[2]
        return outcome
    }

    private static func spawn(_ executable: String, _ arguments: [String], scratch: URL) throws -> Outcome {
        let errorPath = scratch.appendingPathComponent("child-stderr-\(getpid()).txt").path
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 2, errorPath, O_WRONLY | O_CREAT | O_TRUNC, 0o600)

        let argv = ([executable] + arguments).map { strdup($0) }
        defer { argv.forEach { free($0) } }
        var cArguments: [UnsafeMutablePointer<CChar>?] = argv + [nil]

        var pid: pid_t = 0
        let start = ContinuousClock.now
        let spawned = cArguments.withUnsafeMutableBufferPointer { buffer -> Int32 in
            guard let base = buffer.baseAddress else { return EINVAL }
            return posix_spawn(&pid, executable, &actions, nil, base, environ)
        }
        guard spawned == 0 else {
            throw BenchError("cannot run \(executable): \(String(cString: strerror(spawned))); build it with `swift build -c release --product mutual`")
        }
        var status: Int32 = 0
        var usage = rusage()
        while wait4(pid, &status, 0, &usage) < 0 {
            guard errno == EINTR else { throw BenchError("wait4 failed: \(String(cString: strerror(errno)))") }
        }
        let seconds = Timing.seconds(since: start)
        let errorText = (try? String(contentsOfFile: errorPath, encoding: .utf8)) ?? ""
        unlink(errorPath)
        // Exit code if it exited normally (low 7 bits zero), else 128 + signal, as shells report it.
        let exitCode = status & 0x7f == 0 ? (status >> 8) & 0xff : 128 + (status & 0x7f)
        #if canImport(Darwin)
        let rssBytes = Int(usage.ru_maxrss)          // bytes on Darwin
        #else
        let rssBytes = Int(usage.ru_maxrss) * 1024   // KiB on Linux
        #endif
        let cpu = Double(usage.ru_utime.tv_sec) + Double(usage.ru_utime.tv_usec) / 1e6
            + Double(usage.ru_stime.tv_sec) + Double(usage.ru_stime.tv_usec) / 1e6
        return Outcome(seconds: seconds, exitCode: exitCode, maxRSSBytes: rssBytes, cpuSeconds: cpu,
                       stderr: errorText.trimmingCharacters(in: .whitespacesAndNewlines))
    }

    /// Runs and throws unless the child exits 0.
    static func runChecked(_ executable: String, _ arguments: [String], scratch: URL) throws -> Outcome {
        let outcome = try run(executable, arguments, scratch: scratch)
        guard outcome.exitCode == 0 else {
            throw BenchError("\((executable as NSString).lastPathComponent) \(arguments.first ?? "") exited \(outcome.exitCode): \(outcome.stderr)")
        }
        return outcome
    }

    /// The path of the running executable (so `mutual` can be found beside it, and the bench can re-exec itself).
    static func currentExecutable() -> String {
        #if os(Linux)
        if let path = try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe") { return path }
        #endif
        return URL(fileURLWithPath: CommandLine.arguments.first ?? "mutual-bench").standardizedFileURL.path
    }
}
