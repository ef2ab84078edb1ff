/// A proleptic Gregorian calendar day written `YYYY-MM-DD` (years 1970 to 9999).
///
/// ```swift
/// let d = CalendarDate(parsing: "2024-02-29")!   // a leap day
/// d.adding(days: 1).text                          // "2024-03-01"
/// CalendarDate(parsing: "2023-02-29")             // nil
/// ```
public struct CalendarDate: Sendable, Hashable, Comparable, Codable, CustomStringConvertible {
    /// Days since 1970-01-01.
    public let daysSinceEpoch: Int64

    public init(daysSinceEpoch: Int64) { self.daysSinceEpoch = daysSinceEpoch }

    /// Parses exactly `YYYY-MM-DD` with a real month and day; nil for anything else.
    public init?(parsing text: String) {
        // The text's own UTF-8 storage, read in place (no array per date: `verify` parses several per line).
        var text = text
        guard let days = text.withUTF8({ Self.parseDays($0) }) else { return nil }
        self.daysSinceEpoch = days
    }

    /// The day of exactly `YYYY-MM-DD` in `bytes` (the whole buffer), as ``init(parsing:)`` reads it.
    static func parseDays(_ bytes: UnsafeBufferPointer<UInt8>) -> Int64? {
        guard bytes.count == 10, bytes[4] == UInt8(ascii: "-"), bytes[7] == UInt8(ascii: "-"),
              let year = Timestamp.number(bytes, 0..<4), year >= 1970,
              let month = Timestamp.number(bytes, 5..<7), (1...12).contains(month),
              let day = Timestamp.number(bytes, 8..<10), day >= 1, day <= Self.daysIn(month: month, year: year)
        else { return nil }
        return Self.days(year: Int64(year), month: Int64(month), day: Int64(day))
    }

    public init(year: Int, month: Int, day: Int) {
        self.daysSinceEpoch = Self.days(year: Int64(year), month: Int64(month), day: Int64(day))
    }

    /// (year, month, day) of this date.
    public var components: (year: Int, month: Int, day: Int) {
        // Civil-from-days (Howard Hinnant's public-domain algorithm description).
        let z = daysSinceEpoch + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let day = doy - (153 * mp + 2) / 5 + 1
        let month = mp < 10 ? mp + 3 : mp - 9
        let year = yoe + era * 400 + (month <= 2 ? 1 : 0)
        return (Int(year), Int(month), Int(day))
    }

    /// `YYYY-MM-DD`.
    public var text: String {
        let (y, m, d) = components
        let year = String(y)
        return String(repeating: "0", count: max(0, 4 - year.count)) + year + "-" + Timestamp.two(Int64(m)) + "-" + Timestamp.two(Int64(d))
    }

    public var description: String { text }

    /// The date `days` later (or earlier, if negative).
    public func adding(days: Int) -> CalendarDate { CalendarDate(daysSinceEpoch: daysSinceEpoch + Int64(days)) }

    /// The same day `months` later, clamped to the month's last day.
    public func adding(months: Int) -> CalendarDate {
        let (y, m, d) = components
        let total = y * 12 + (m - 1) + months
        let year = total / 12, month = total % 12 + 1
        return CalendarDate(year: year, month: month, day: min(d, Self.daysIn(month: month, year: year)))
    }

    /// Whole days from `self` to `other` (positive when `other` is later).
    public func days(until other: CalendarDate) -> Int { Int(other.daysSinceEpoch - daysSinceEpoch) }

    public static func < (lhs: CalendarDate, rhs: CalendarDate) -> Bool { lhs.daysSinceEpoch < rhs.daysSinceEpoch }

    public init(from decoder: any Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        guard let date = CalendarDate(parsing: text) else {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "expected a date YYYY-MM-DD, got \"\(text)\""))
        }
        self = date
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(text)
    }

    static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    static func days(year: Int64, month: Int64, day: Int64) -> Int64 {
        // Days-from-civil.
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let mp = (month + 9) % 12
        let doy = (153 * mp + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }
}
