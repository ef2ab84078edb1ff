import MutualLedger
import Testing

struct StrictParsingTests {
    struct Rejection: Sendable, CustomTestStringConvertible {
        let name: String
        let bytes: [UInt8]
        let mentions: String
        var testDescription: String { name }

        init(_ name: String, _ text: String, mentions: String) {
            self.init(name, Array(text.utf8), mentions: mentions)
        }

        init(_ name: String, _ bytes: [UInt8], mentions: String) {
            self.name = name
            self.bytes = bytes
            self.mentions = mentions
        }
    }

    static func quoted(_ inner: [UInt8]) -> [UInt8] { [0x22] + inner + [0x22] }

    static let rejections: [Rejection] = [
        Rejection("empty input", "", mentions: "empty"),
        Rejection("whitespace only", "  \n", mentions: "empty"),
        Rejection("fraction", "1.5", mentions: "floating-point"),
        Rejection("whole fraction", "[1.0]", mentions: "floating-point"),
        Rejection("exponent e", "1e3", mentions: "floating-point"),
        Rejection("exponent E", #"{"a":2E-3}"#, mentions: "floating-point"),
        Rejection("negative zero", "-0", mentions: "-0"),
        Rejection("2^53", "9007199254740992", mentions: "2^53"),
        Rejection("-2^53", "-9007199254740992", mentions: "2^53"),
        Rejection("huge integer", "123456789012345678901234567890", mentions: "2^53"),
        Rejection("leading zero", "012", mentions: "leading zero"),
        Rejection("negative leading zero", "-01", mentions: "leading zero"),
        Rejection("lone minus", "-", mentions: "'-'"),
        Rejection("plus sign", "+1", mentions: "'+'"),
        Rejection("duplicate names", #"{"a":1,"a":2}"#, mentions: "duplicate"),
        Rejection("duplicate via escape", #"{"a":1,"\u0061":2}"#, mentions: "duplicate"),
        Rejection("lone high surrogate", #""\ud83d""#, mentions: "high surrogate"),
        Rejection("high surrogate then text", #""\ud83dx""#, mentions: "high surrogate"),
        Rejection("high surrogate then non-low", #""\ud83d\u0041""#, mentions: "high surrogate"),
        Rejection("two high surrogates", #""\ud83d\ud83d""#, mentions: "high surrogate"),
        Rejection("lone low surrogate", #""\ude02""#, mentions: "low surrogate"),
        Rejection("reversed pair", #""\ude02\ud83d""#, mentions: "low surrogate"),
        Rejection("overlong slash C0 AF", quoted([0xC0, 0xAF]), mentions: "overlong"),
        Rejection("overlong C1", quoted([0xC1, 0xBF]), mentions: "overlong"),
        Rejection("overlong 3-byte", quoted([0xE0, 0x80, 0xAF]), mentions: "overlong"),
        Rejection("overlong 4-byte", quoted([0xF0, 0x80, 0x80, 0xAF]), mentions: "overlong"),
        Rejection("UTF-8 surrogate D800", quoted([0xED, 0xA0, 0x80]), mentions: "surrogate"),
        Rejection("UTF-8 surrogate DFFF", quoted([0xED, 0xBF, 0xBF]), mentions: "surrogate"),
        Rejection("above U+10FFFF (F4 90)", quoted([0xF4, 0x90, 0x80, 0x80]), mentions: "U+10FFFF"),
        Rejection("F5 lead byte", quoted([0xF5, 0x80, 0x80, 0x80]), mentions: "U+10FFFF"),
        Rejection("stray continuation", quoted([0x80]), mentions: "continuation"),
        Rejection("truncated sequence", quoted([0xE2, 0x82]), mentions: "truncated"),
        Rejection("byte FF", quoted([0xFF]), mentions: "UTF-8"),
        Rejection("raw newline in string", "\"a\nb\"", mentions: "control character"),
        Rejection("raw NUL in string", quoted([0x61, 0x00]), mentions: "control character"),
        Rejection("raw tab in string", "\"\t\"", mentions: "control character"),
        Rejection("byte order mark", [0xEF, 0xBB, 0xBF] + Array("{}".utf8), mentions: "byte order mark"),
        Rejection("trailing garbage", "{} x", mentions: "after the top-level value"),
        Rejection("two values", "1 2", mentions: "after the top-level value"),
        Rejection("trailing comma array", "[1,]", mentions: "value was expected"),
        Rejection("trailing comma object", #"{"a":1,}"#, mentions: "member name"),
        Rejection("unterminated string", #""abc"#, mentions: "unterminated"),
        Rejection("unterminated array", "[1", mentions: "end of input"),
        Rejection("bad escape", #""\x""#, mentions: "escape"),
        Rejection("short unicode escape", #""\u12""#, mentions: "\\u"),
        Rejection("single quotes", "'a'", mentions: "value was expected"),
        Rejection("capital literal", "True", mentions: "value was expected"),
        Rejection("misspelled literal", "nul", mentions: "literal"),
        Rejection("NaN", "NaN", mentions: "value was expected"),
        Rejection("unquoted name", "{a:1}", mentions: "member name"),
        Rejection("depth 10,000", String(repeating: "[", count: 10_000) + String(repeating: "]", count: 10_000),
                  mentions: "deeper than 64"),
        Rejection("depth 65 objects", String(repeating: #"{"a":"#, count: 65) + "1" + String(repeating: "}", count: 65),
                  mentions: "deeper than 64"),
    ]

    @Test(arguments: rejections)
    func rejects(_ case: Rejection) {
        do {
            let value = try JSONValue(parsing: `case`.bytes)
            Issue.record("accepted \(value)")
        } catch {
            #expect(error.code == .invalidJSON)
            #expect(error.message.contains(`case`.mentions), "\(error.message)")
            #expect(error.message.contains("byte "), "message names the offset: \(error.message)")
            #expect(!error.message.contains("\n"))
        }
    }

    @Test func reportsByteOffset() {
        #expect(throws: LedgerError(.invalidJSON,
            "invalid JSON at byte 5: floating-point numbers are not allowed; "
                + "use an integer, or a string such as \"4.50\" for fractional amounts")) {
            _ = try JSONValue(parsing: Array(#"{"a":4.50}"#.utf8))
        }
    }

    static let acceptances: [(String, JSONValue)] = [
        ("0", 0),
        ("-1", -1),
        ("9007199254740991", .integer(9_007_199_254_740_991)),
        ("-9007199254740991", .integer(-9_007_199_254_740_991)),
        (" \t\r\n[ 1 , 2 ]\n", [1, 2]),
        ("\"\\ud83d\\ude02\"", "😂"),
        ("\"\\u00E9\\/\"", "é/"),
        ("\"\u{10FFFF}\u{FFFF}\u{7FF}\"", "\u{10FFFF}\u{FFFF}\u{7FF}"),
        ("{\"a\":{\"b\":[null,true,false]}}", ["a": ["b": [nil, true, false]]]),
        (String(repeating: "[", count: 64) + String(repeating: "]", count: 64), {
            var value: JSONValue = []
            for _ in 1..<64 { value = [value] }
            return value
        }()),
    ]

    @Test(arguments: acceptances)
    func accepts(_ text: String, _ expected: JSONValue) throws {
        #expect(try JSONValue(parsing: Array(text.utf8)) == expected)
        #expect(try JSONValue(parsing: text.utf8) == expected)  // non-contiguous collection path
    }

    @Test func maxDepthIsConfigurable() throws {
        let deep = Array((String(repeating: "[", count: 100) + String(repeating: "]", count: 100)).utf8)
        _ = try JSONValue(parsing: deep, maxDepth: 100)
        #expect(throws: LedgerError.self) { _ = try JSONValue(parsing: deep, maxDepth: 99) }
    }
}
