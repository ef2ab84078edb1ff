@testable import MutualLedger
import Testing

/// An event with several unknown members names the first of them in sorted order, whatever order
/// the object's dictionary iterates in (it differs between processes and between dictionaries
/// built differently); the line scanner and the general reading must agree on it.
@Suite struct EventMemberOrderTests {
    static let valid: [(String, JSONValue)] = [
        ("author", "ed25519:0123456789abcdef"), ("body", .object([:])), ("id", "7f0c2a9e-3b1d-4c55-9a0e-2f6d8b1c4e77"),
        ("partnership", .null), ("recorded", "2026-03-01T09:30:00Z"), ("schema", 1), ("type", "visit.recorded"),
    ]

    @Test(arguments: 0..<24)
    func firstUnknownMemberInSortedOrder(shuffle: Int) throws {
        var members = Self.valid + [("zulu", .null), ("extra", .null), ("partership", .null), ("mike", 1)]
        var generator = SplitMix64(seed: UInt64(shuffle))
        members.shuffle(using: &generator)
        var object: [String: JSONValue] = [:]
        object.reserveCapacity(shuffle * 3)
        for (name, value) in members { object[name] = value }
        #expect(throws: LedgerError.self) { try Event(json: .object(object)) }
        do {
            _ = try Event(json: .object(object))
        } catch {
            #expect(error.message.contains("unknown member \"extra\""), "\(error.message)")
        }
    }
}
