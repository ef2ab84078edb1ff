import MutualLedger
import Testing

enum ValueGenerator {
    static let alphabet: [Unicode.Scalar] = [
        "a", "B", "z", "0", " ", "\"", "\\", "/", "\u{0}", "\u{8}", "\u{9}", "\u{A}", "\u{C}", "\u{D}", "\u{1F}",
        "\u{7F}", "\u{80}", "é", "\u{301}", "\u{2028}", "€", "\u{FB33}", "\u{FFFF}", "😂", "\u{10FFFF}", "\u{E000}",
    ]

    static func string(_ rng: inout SplitMix64) -> String {
        var text = String.UnicodeScalarView()
        for _ in 0..<Int.random(in: 0...6, using: &rng) {
            text.append(alphabet[Int.random(in: 0..<alphabet.count, using: &rng)])
        }
        return String(text)
    }

    static func value(_ rng: inout SplitMix64, depth: Int = 0) -> JSONValue {
        let kind = Int.random(in: 0..<(depth > 4 ? 4 : 6), using: &rng)
        switch kind {
        case 0: return .null
        case 1: return .bool(Bool.random(using: &rng))
        case 2:
            let bound = JSONValue.maxSafeInteger
            let magnitude = [Int64(9), 1_000, bound][Int.random(in: 0..<3, using: &rng)]
            return .integer(Int64.random(in: -magnitude...magnitude, using: &rng))
        case 3: return .string(string(&rng))
        case 4:
            return .array((0..<Int.random(in: 0...4, using: &rng)).map { _ in value(&rng, depth: depth + 1) })
        default:
            var members: [String: JSONValue] = [:]
            for _ in 0..<Int.random(in: 0...4, using: &rng) {
                members[string(&rng)] = value(&rng, depth: depth + 1)
            }
            return .object(members)
        }
    }
}

struct RoundTripTests {
    @Test(arguments: 0..<8)
    func parseOfCanonicalBytesIsIdentity(seed: Int) throws {
        var rng = SplitMix64(seed: UInt64(seed))
        for _ in 0..<250 {
            let value = ValueGenerator.value(&rng)
            let bytes = value.canonicalBytes
            let parsed = try JSONValue(parsing: bytes)
            #expect(parsed == value)
            #expect(parsed.canonicalBytes == bytes, "canonicalization is idempotent")
            #expect(try CanonicalJSON.parseCanonical(bytes) == value)
        }
    }

    @Test func sortsByUTF16CodeUnits() {
        // U+FB33 (one UTF-16 unit 0xFB33) sorts before U+1F602 (surrogates 0xD83D...) in UTF-16 but
        // after it in UTF-8/scalar order; RFC 8785 requires UTF-16 order.
        let value: JSONValue = ["\u{1F602}": 1, "\u{FB33}": 2, "\u{E000}": 3]
        #expect(value.canonicalString == "{\"\u{1F602}\":1,\"\u{E000}\":3,\"\u{FB33}\":2}")
    }

    @Test func escapesLikeJSONStringify() {
        let value = JSONValue.string("\"\\\u{8}\u{C}\n\r\t\u{0}\u{1F}/\u{7F}\u{2028}é")
        #expect(value.canonicalString == "\"\\\"\\\\\\b\\f\\n\\r\\t\\u0000\\u001f/\u{7F}\u{2028}é\"")
    }

    @Test func writesIntegers() {
        let value: JSONValue = [0, -1, 10, .integer(JSONValue.maxSafeInteger), .integer(-JSONValue.maxSafeInteger)]
        #expect(value.canonicalString == "[0,-1,10,9007199254740991,-9007199254740991]")
    }

    static let nonCanonical: [String] = [
        #"{"a": 1}"#,
        #" {"a":1}"#,
        #"{"a":1} "#,
        "{\"a\":1}\n",
        #"{"b":1,"a":2}"#,
        #"["\u0041"]"#,
        #"["\/"]"#,
        #"["\u001F"]"#,
        #"["\u00e9"]"#,
        #"["\u007f"]"#,
        #"[ 1]"#,
    ]

    @Test(arguments: nonCanonical)
    func parseCanonicalRejects(_ text: String) {
        #expect(!CanonicalJSON.isCanonical(Array(text.utf8)))
        do {
            _ = try CanonicalJSON.parseCanonical(Array(text.utf8))
            Issue.record("accepted \(text)")
        } catch {
            #expect(error.code == .nonCanonical)
            #expect(error.message.contains("not RFC 8785 canonical JSON"))
        }
    }

    @Test func parseCanonicalReportsInvalidJSONFirst() {
        #expect(throws: LedgerError.self) { _ = try CanonicalJSON.parseCanonical(Array("[1.5]".utf8)) }
        do {
            _ = try CanonicalJSON.parseCanonical(Array("[1.5]".utf8))
        } catch {
            #expect(error.code == .invalidJSON)
        }
    }
}
