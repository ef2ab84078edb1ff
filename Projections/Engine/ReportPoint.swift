import MutualLedger

/// The point of the log a report is computed at.
///
/// ```swift
/// let point: ReportPoint = .asOf(CalendarDate(year: 2025, month: 6, day: 30))
/// ```
public enum ReportPoint: Sendable, Equatable {
    /// Every line of the log as it stands.
    case latest
    /// Lines 0...seq.
    case at(seq: Int)
    /// Every event whose `occurred` day (else its `recorded` day) is on or before the date.
    case asOf(CalendarDate)
}

/// The period a report looks at (inclusive bounds; nil means open).
///
/// ```swift
/// let year = ReportPeriod(from: CalendarDate(parsing: "2025-01-01"), to: CalendarDate(parsing: "2025-12-31"))
/// year.contains(CalendarDate(year: 2025, month: 3, day: 1))   // true
/// ```
public struct ReportPeriod: Sendable, Equatable {
    public var from: CalendarDate?
    public var to: CalendarDate?

    public init(from: CalendarDate? = nil, to: CalendarDate? = nil) {
        self.from = from
        self.to = to
    }

    /// All time.
    public static let allTime = ReportPeriod()

    public func contains(_ date: CalendarDate) -> Bool {
        if let from, date < from { return false }
        if let to, date > to { return false }
        return true
    }
}
