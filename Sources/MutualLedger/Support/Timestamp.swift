import Foundation

/// An RFC 3339 UTC timestamp with seconds precision, written `YYYY-MM-DDTHH:MM:SSZ`.
///
/// ```swift
/// let t = Timestamp(Date(timeIntervalSince1970: 0))
/// t.text                                  // "1970-01-01T00:00:00Z"
/// Timestamp(parsing: "2026-03-01T09:30:00Z")?.day.text  // "2026-03-01"
/// ```
public struct Timestamp: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// Seconds since 1970-01-01T00:00:00Z.
    public let seconds: Int64

    public init(seconds: Int64) { self.seconds = seconds }

    /// The timestamp of `date`, truncated to whole seconds.
    public init(_ date: Date) { self.seconds = Int64(date.timeIntervalSince1970.rounded(.down)) }

    /// Parses exactly `YYYY-MM-DDTHH:MM:SSZ`; nil for anything else.
    public init?(parsing text: String) {
        // The text's own UTF-8 storage, read in place (no array or substring per timestamp).
        var text = text
        guard let seconds = text.withUTF8({ Self.seconds(parsing: $0) }) else { return nil }
        self.seconds = seconds
    }

    /// The seconds of exactly `YYYY-MM-DDTHH:MM:SSZ` in `bytes` (the whole buffer).
    private static func seconds(parsing bytes: UnsafeBufferPointer<UInt8>) -> Int64? {
        guard bytes.count == 20, bytes[10] == UInt8(ascii: "T"), bytes[13] == UInt8(ascii: ":"),
              bytes[16] == UInt8(ascii: ":"), bytes[19] == UInt8(ascii: "Z"),
              let day = CalendarDate.parseDays(UnsafeBufferPointer(rebasing: bytes[0..<10])),
              let hour = number(bytes, 11..<13), hour < 24,
              let minute = number(bytes, 14..<16), minute < 60,
              let second = number(bytes, 17..<19), second < 60
        else { return nil }
        return day * 86_400 + Int64(hour * 3600 + minute * 60 + second)
    }

    /// The decimal digits `bytes[range]` as a number; nil if any is not a digit.
    static func number(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> Int? {
        var value = 0
        for index in range {
            let digit = bytes[index]
            guard digit >= UInt8(ascii: "0"), digit <= UInt8(ascii: "9") else { return nil }
            value = value * 10 + Int(digit - UInt8(ascii: "0"))
        }
        return value
    }

    /// The UTC calendar day of this timestamp.
    public var day: CalendarDate { CalendarDate(daysSinceEpoch: seconds >= 0 ? seconds / 86_400 : (seconds - 86_399) / 86_400) }

    /// `YYYY-MM-DDTHH:MM:SSZ`.
    public var text: String {
        let secondOfDay = seconds - day.daysSinceEpoch * 86_400
        let h = secondOfDay / 3600, m = secondOfDay / 60 % 60, s = secondOfDay % 60
        return "\(day.text)T\(Self.two(h)):\(Self.two(m)):\(Self.two(s))Z"
    }

    public var description: String { text }

    public static func < (lhs: Timestamp, rhs: Timestamp) -> Bool { lhs.seconds < rhs.seconds }

    static func two(_ value: Int64) -> String { value < 10 ? "0\(value)" : "\(value)" }
}
