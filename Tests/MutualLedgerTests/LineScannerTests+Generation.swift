@testable import MutualLedger

/// Random ledger lines for ``LineScannerTests``: mostly well formed, with every member now and then
/// of the wrong form, missing, or joined by an unknown one.
extension LineScannerTests {
    static func randomLine(_ generator: inout SplitMix64, key: SigningKey) throws -> [UInt8] {
        func chance(_ percent: UInt64) -> Bool { generator.next() % 100 < percent }
        func pick(_ options: [JSONValue]) -> JSONValue { options[Int(generator.next() % UInt64(options.count))] }
        func hex(_ count: Int) -> String {
            String((0..<count).map { _ in Array("0123456789abcdef")[Int(generator.next() % 16)] })
        }
        func uuid() -> String { "\(hex(8))-\(hex(4))-\(hex(4))-\(hex(4))-\(hex(12))" }
        let pieces = ["a", "B", "é", "€", "😂", "\u{FB33}", "\"", "\\", "/", "\n", "\u{01}", " ", "10", ""]
        func text() -> String {
            (0..<Int(generator.next() % 4)).map { _ in pieces[Int(generator.next() % UInt64(pieces.count))] }.joined()
        }
        func value(_ depth: Int) -> JSONValue {
            switch generator.next() % (depth > 2 ? 4 : 6) {
            case 0: return .integer(Int64(bitPattern: generator.next()) % JSONValue.maxSafeInteger)
            case 1: return .string(text())
            case 2: return pick([.null, .bool(true), .bool(false)])
            case 3: return .integer(Int64(generator.next() % 3) - 1)
            case 4: return .array((0..<Int(generator.next() % 4)).map { _ in value(depth + 1) })
            default:
                var members: [String: JSONValue] = [:]
                for _ in 0..<Int(generator.next() % 5) { members[chance(70) ? "k\(generator.next() % 9)" : text()] = value(depth + 1) }
                return .object(members)
            }
        }

        var event: [String: JSONValue] = [
            "id": chance(92) ? .string(uuid()) : pick(["not-a-uuid", .string(uuid().uppercased()), 7]),
            "type": chance(92) ? pick(["visit.recorded", "note.added", "a.b-2"]) : pick(["Visit.recorded", "visit", "a..b", "é.b", .null]),
            "schema": chance(92) ? pick([1, 2, 1_000]) : pick([0, 1_001, -1, "1"]),
            "partnership": chance(92) ? pick([.null, "ukug-1", "a.b_c"]) : pick(["UKUG", "", 3, .array([])]),
            "recorded": chance(92) ? pick(["2026-03-01T09:30:00Z", "1999-12-31T23:59:59Z"])
                : pick(["2026-13-01T00:00:00Z", "2026-03-01 09:30:00", "2026-03-01T09:30:00+01:00", 0]),
            "author": chance(92) ? .string(key.id.text) : pick(["ed25519:zz", "ed25519:0123456789ABCDEF", "alice", .null]),
            "body": chance(95) ? value(0).objectValue.map(JSONValue.object) ?? .object(["visit": value(1)]) : pick(["x", .array([]), 1]),
        ]
        if chance(40) { event["occurred"] = chance(90) ? pick(["2026-03-01", "2024-02-29"]) : pick(["2026-02-30", "2026-3-1", .null]) }
        if chance(4) { event["extra"] = value(1) }
        if chance(4), let name = ["id", "type", "schema", "partnership", "recorded", "author", "body"].randomElement(using: &generator) {
            event[name] = nil
        }
        var line: [String: JSONValue] = [
            "v": chance(95) ? .integer(Int64(MutualLedger.formatVersion)) : pick([2, 0, "1"]),
            "seq": chance(92) ? .integer(Int64(generator.next() % 100_000)) : pick([-1, .integer(JSONValue.maxSafeInteger), 0, "3"]),
            "prev": chance(92) ? .string(hex(64)) : pick([.string(hex(63)), .string(hex(64).uppercased()), .string(hex(66)), .null]),
            "sig": chance(92) ? .string(Base64.encode((0..<64).map { _ in UInt8(truncatingIfNeeded: generator.next()) }))
                : pick([.string(Base64.encode([UInt8](repeating: 1, count: 63))), "not base64", .string(String(repeating: "A", count: 88))]),
            "event": chance(97) ? .object(event) : pick([.null, "event", .array([])]),
        ]
        if chance(3) { line["extra"] = 1 }
        if chance(3), let name = ["v", "seq", "prev", "sig", "event"].randomElement(using: &generator) { line[name] = nil }
        return JSONValue.object(line).canonicalBytes
    }
}
