/// What one run of ``Ledger/verify(sinceWatermark:jobs:progress:)`` did.
///
/// ```swift
/// let run = try ledger.verify(sinceWatermark: true, jobs: 2)
/// run.report.isValid     // as `verify` would say
/// run.linesChecked       // 1000 after 1000 appends, not the whole log
/// run.resumedFrom        // the watermark it started from; nil: it verified everything (see `fullReason`)
/// ```
public struct WatermarkVerification: Sendable, Equatable {
    /// The verdict, as a full `verify` reports it (first failing seq and message).
    public var report: VerificationReport
    /// Lines read and checked in this run.
    public var linesChecked: Int
    /// The watermark's line count the run started from; nil when it verified the whole log.
    public var resumedFrom: Int?
    /// Why the watermark was not used, when `--since-watermark` was asked for but the whole log was verified.
    public var fullReason: String?
    /// Where the watermark stands after the run; nil if it was not written (invalid log, cache not writable, another run writing it).
    public var watermark: Int?

    public init(report: VerificationReport, linesChecked: Int, resumedFrom: Int?, fullReason: String?, watermark: Int?) {
        self.report = report
        self.linesChecked = linesChecked
        self.resumedFrom = resumedFrom
        self.fullReason = fullReason
        self.watermark = watermark
    }
}
