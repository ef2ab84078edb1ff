import Testing
@testable import MutualLedger

/// The string scanner skips plain ASCII 8 bytes at a time: whatever word an escape, a quote, a
/// control byte or a multi-byte character falls in, the value and the errors must be the same.
@Suite("String scan by words")
struct StringScanTests {
    static let offsets = Array(0..<20)

    @Test("escapes and multi-byte characters at every offset", arguments: offsets)
    func decoded(offset: Int) throws {
        let before = String(repeating: "a", count: offset), after = String(repeating: "b", count: 19 - offset)
        let cases: [(json: String, value: String, canonical: Bool)] = [
            (#""\#(before)\"\#(after)""#, before + "\"" + after, true),
            (#""\#(before)\\\#(after)""#, before + "\\" + after, true),
            (#""\#(before)\n\#(after)""#, before + "\n" + after, true),
            (#""\#(before)\u00e9\#(after)""#, before + "é" + after, false),
            ("\"\(before)é\(after)\"", before + "é" + after, true),
            ("\"\(before)🙂\(after)\"", before + "🙂" + after, true),
            ("\"\(before)\u{7F}\(after)\"", before + "\u{7F}" + after, true),
            ("\"\(before) ~\(after)\"", before + " ~" + after, true),
            ("\"\(before)\"", before, true),
        ]
        for (json, value, canonical) in cases {
            #expect(try JSONValue(parsing: Array(json.utf8)) == .string(value), "\(json)")
            // The same string as a member of a canonical object (the line scanner's path).
            let object = Array("{\"k\":\(json)}".utf8)
            if canonical {
                #expect(try CanonicalJSON.parseCanonical(object) == .object(["k": .string(value)]), "\(json)")
            } else {
                #expect(throws: LedgerError.self) { try CanonicalJSON.parseCanonical(object) }
            }
        }
    }

    @Test("a raw control byte or invalid UTF-8 is refused at its own offset", arguments: offsets)
    func refused(offset: Int) {
        let before = Array(repeating: UInt8(ascii: "a"), count: offset), after = Array(repeating: UInt8(ascii: "b"), count: 19 - offset)
        for bad: [UInt8] in [[0x01], [0x1F], [0x0A], [0x00], [0xFF], [0xC3], [0xED, 0xA0, 0x80]] {
            let bytes = [UInt8(ascii: "\"")] + before + bad + after + [UInt8(ascii: "\"")]
            let error = #expect(throws: LedgerError.self) { try JSONValue(parsing: bytes) }
            #expect(error?.message.hasPrefix("invalid JSON at byte \(offset + 1):") == true, "\(bad): \(error?.message ?? "")")
        }
    }

    @Test("an unterminated string is refused at its opening quote", arguments: offsets)
    func unterminated(offset: Int) {
        let bytes = Array("\"\(String(repeating: "a", count: offset))".utf8)
        let error = #expect(throws: LedgerError.self) { try JSONValue(parsing: bytes) }
        #expect(error?.message.hasPrefix("invalid JSON at byte 0: unterminated string") == true)
    }
}
