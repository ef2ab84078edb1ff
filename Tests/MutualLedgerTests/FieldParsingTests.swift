import Testing
@testable import MutualLedger

/// The envelope's field parsers read the text's bytes in place; each must accept exactly what the
/// straightforward reading (written out here as it was) accepts, with the same value.
@Suite("Field parsing in place")
struct FieldParsingTests {
    /// The reading of a key id before: prefix, then the hex decoding of the rest.
    static func keyIDBefore(_ text: String) -> Bool {
        guard text.hasPrefix("ed25519:"), let hex = Hex.decode(String(text.dropFirst(8))), hex.count == 8 else { return false }
        return true
    }

    /// The reading of a date before, over an array of the bytes.
    static func dateBefore(_ text: String) -> Int64? {
        let bytes = Array(text.utf8)
        func number(_ digits: ArraySlice<UInt8>) -> Int? {
            var value = 0
            for digit in digits {
                guard digit >= 0x30, digit <= 0x39 else { return nil }
                value = value * 10 + Int(digit - 0x30)
            }
            return value
        }
        guard bytes.count == 10, bytes[4] == UInt8(ascii: "-"), bytes[7] == UInt8(ascii: "-"),
              let year = number(bytes[0..<4]), year >= 1970,
              let month = number(bytes[5..<7]), (1...12).contains(month),
              let day = number(bytes[8..<10]), day >= 1, day <= CalendarDate.daysIn(month: month, year: year)
        else { return nil }
        return CalendarDate(year: year, month: month, day: day).daysSinceEpoch
    }

    static let keyIDs = [
        "ed25519:0123456789abcdef", "ed25519:21fe31dfa154a261", "ed25519:21FE31DFA154A261", "ed25519:0123456789abcde",
        "ed25519:0123456789abcdef0", "ed25519:0123456789abcdeg", "ED25519:0123456789abcdef", "ed25519 0123456789abcdef",
        "ed25519:", "", "ed25519:0123456789abcdé", "ed25519:\u{301}123456789abcdef", "ed25519:0123456789abcde\u{301}",
        "xd25519:0123456789abcdef", "ed25519:-123456789abcdef", "ed25519:0123456789abcdef\n",
    ]

    @Test("key ids: the same verdict as the prefix-and-hex reading", arguments: keyIDs)
    func keyID(text: String) {
        #expect((KeyID(parsing: text) != nil) == Self.keyIDBefore(text))
        #expect(KeyID(parsing: text)?.text == (Self.keyIDBefore(text) ? text : nil))
    }

    static let dates = [
        "2026-03-01", "1970-01-01", "1969-12-31", "2024-02-29", "2023-02-29", "2026-13-01", "2026-00-10", "2026-04-31",
        "2026-04-30", "2026-3-01", "2026-03-1", "2026/03/01", "20260301xx", "2026-03-01 ", "٢٠٢٦-03-01", "2026-03-0a",
        "9999-12-31", "2100-02-29", "2000-02-29", "", "2026-03-01T09:30:00Z",
    ]

    @Test("dates: the same value as the array reading", arguments: dates)
    func date(text: String) {
        #expect(CalendarDate(parsing: text)?.daysSinceEpoch == Self.dateBefore(text))
    }

    @Test("timestamps: a date, a time of day, Z", arguments: [
        ("2026-03-01T09:30:00Z", Int64?(1_772_357_400)), ("1970-01-01T00:00:00Z", 0), ("1970-01-01T23:59:59Z", 86_399),
        ("2026-03-01T24:00:00Z", nil), ("2026-03-01T09:60:00Z", nil), ("2026-03-01T09:30:60Z", nil), ("2026-03-01 09:30:00Z", nil),
        ("2026-03-01T09:30:00", nil), ("2026-03-01T09:30:00+00:00", nil), ("2026-02-30T09:30:00Z", nil), ("2026-03-01T9:30:00Z", nil),
        ("2026-03-01T09:30:0aZ", nil), ("", nil),
    ])
    func timestamp(text: String, seconds: Int64?) {
        #expect(Timestamp(parsing: text)?.seconds == seconds)
    }

    @Test("event ids: lowercase 8-4-4-4-12 hex only", arguments: [
        ("7f0c2a9e-3b1d-4c55-9a0e-2f6d8b1c4e77", true), ("7F0C2A9E-3B1D-4C55-9A0E-2F6D8B1C4E77", false),
        ("7f0c2a9e-3b1d-4c55-9a0e-2f6d8b1c4e7", false), ("7f0c2a9e-3b1d-4c55-9a0e-2f6d8b1c4e777", false),
        ("7f0c2a9e3b1d-4c55-9a0e-2f6d8b1c4e77-", false), ("7f0c2a9e-3b1d-4c55-9a0e-2f6d8b1c4eé", false), ("", false),
    ])
    func eventID(text: String, valid: Bool) {
        #expect(EventID.isValid(text) == valid)
    }
}
