#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Plain stderr output and process exit for the fuzz harness (no Foundation needed).
enum FuzzOutput {
    static func stderr(_ text: String) {
        let bytes = Array((text + "\n").utf8)
        _ = bytes.withUnsafeBytes { write(2, $0.baseAddress, $0.count) }
    }
}

/// Stops the process with SIGABRT (what libFuzzer records as a crash).
func abortProcess() -> Never {
    abort()
}
