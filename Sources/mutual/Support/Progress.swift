import Foundation

/// Progress of a long pass (verify, import, rebuild) on standard error, only when it is a terminal
/// and `--quiet` is not given: events/s, percent of the log's bytes, time left. Redrawn at most
/// four times a second, after the first second; erased when done.
final class ProgressLine {
    private let what: String
    private let totalBytes: Int64
    private let enabled: Bool
    private let start = Date()
    private var lastDraw = Date.distantPast
    private var drawn = false

    init(_ what: String, totalBytes: Int64, quiet: Bool) {
        self.what = what
        self.totalBytes = totalBytes
        enabled = !quiet && isatty(STDERR_FILENO) == 1
    }

    /// `events` done so far, `bytes` of the log read.
    func update(events: Int, bytes: Int64) {
        guard enabled else { return }
        let now = Date()
        let elapsed = now.timeIntervalSince(start)
        guard elapsed >= 1, now.timeIntervalSince(lastDraw) >= 0.25 else { return }
        lastDraw = now
        let fraction = totalBytes > 0 ? min(1, Double(bytes) / Double(totalBytes)) : 0
        let rate = Double(events) / elapsed
        let left = fraction > 0 ? elapsed * (1 - fraction) / fraction : 0
        let text = String(format: "%@: %d events, %.0f%%, %.0f events/s, %.0f s left", what, events, fraction * 100, rate, left)
        FileHandle.standardError.write(Data("\r\u{1B}[K\(text)".utf8))
        drawn = true
    }

    func finish() {
        if drawn { FileHandle.standardError.write(Data("\r\u{1B}[K".utf8)) }
    }
}
