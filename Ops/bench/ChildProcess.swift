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

    /// Runs `executable` with `arguments`, stdout to /dev/null and stderr to a scratch file.
    static func run(_ executable: String, _ arguments: [String], scratch: URL) throws -> Outcome {
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
