import Foundation
@testable import MutualLedger
import PartnershipEvents
import Testing

/// An append to a ledger whose append cache is missing replays the whole log with its fold
/// spilled (``FoldSpill``), and the spilled tables become the append cache's tables: the cache
/// it leaves restores the same fold as one rebuilt in memory, the lines written are the same,
/// and a refused append leaves every ledger file as it was and no spill folder behind.
@Suite struct SpilledAppendCacheTests {
    typealias Rules = PartnershipRules

    /// A new visit by the generated ledger's `hic` coordinator, signed with a fixed id.
    static func visit(_ n: Int) throws -> EncodedEvent {
        let body: [String: JSONValue] = [
            "visit": .string("appended-\(n)"), "from": "hic", "to": "lic", "start": "2025-01-01", "end": "2025-01-03",
            "mode": "remote", "travellers": [.object(["person": "p-1", "cadre": "nurse", "seniority": "senior"])],
            "purpose": "training", "needsIdentifiedBy": "host", "briefedBeforeDeparture": true,
        ]
        let signed = try Ledger<Rules>.sign(type: "visit.recorded", body: body, partnership: "p1", occurred: Fixture.day("2025-01-01"),
                                            id: "aaaaaaaa-0000-4000-8000-00000000000\(n)", key: try Fixture.key(2),
                                            recorded: Timestamp(Date(timeIntervalSince1970: 1_750_000_000)))
        return EncodedEvent(signed)
    }

    /// The fold the append cache of `dir` restores, if it matches the log.
    static func cached(_ dir: LedgerDirectory) throws -> LedgerFold<Rules>? {
        let log = try LogFile.open(dir.events, writable: false)
        return LedgerSnapshot<Rules>.load(dir, log: log, rules: Rules())?.0
    }

    static func copy(_ generated: GeneratedLedger) throws -> LedgerDirectory {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("gen-copy-\(UUID().uuidString)")
        try FileManager.default.copyItem(at: generated.root, to: root)
        return LedgerDirectory(root.appendingPathComponent("ledger"))
    }

    static func spillFolders(_ dir: LedgerDirectory) -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: dir.cache.path)) ?? []).filter { $0.hasPrefix("spill-") }
    }

    @Test(arguments: [1, 4, 40])
    func aCacheRebuiltWithSpillingEqualsOneRebuiltInMemory(budget: Int) throws {
        let generated = try GeneratedLedger(seed: 31, steps: 220)
        defer { generated.remove() }
        try FileManager.default.removeItem(at: generated.dir.cache)
        let other = try Self.copy(generated)
        defer { try? FileManager.default.removeItem(at: other.root.deletingLastPathComponent()) }
        let spilled = Ledger(directory: generated.dir, rules: Rules())
        let inMemory = Ledger(directory: other, rules: Rules())

        // The replay spills more than once at this budget.
        do {
            let log = try LogFile.open(generated.dir.events, writable: false)
            let (_, _, probe) = try spilled.currentFold(log, spillBudget: budget)
            #expect((probe?.spills ?? 0) > 1)
        }
        #expect(Self.spillFolders(generated.dir).isEmpty)

        let events = [try Self.visit(1), try Self.visit(2)]
        let a = try spilled.append(encoded: events, spillBudget: budget)
        let b = try inMemory.append(encoded: events, spillBudget: Int.max)
        #expect(a == b && a.count == 2)
        #expect(try Data(contentsOf: generated.dir.events) == Data(contentsOf: other.events))
        #expect(Self.spillFolders(generated.dir).isEmpty)

        let fromSpill = try #require(try Self.cached(generated.dir))
        let fromMemory = try #require(try Self.cached(other))
        #expect(fromSpill.count == fromMemory.count && fromSpill.lastHash == fromMemory.lastHash)
        #expect(fromSpill.registry == fromMemory.registry)
        #expect(fromSpill.state == fromMemory.state)
        for line in try generated.lines() {
            let id = try LedgerLine(bytes: line).event.id
            #expect(fromSpill.ids.seq(of: id) == fromMemory.ids.seq(of: id))
        }
        #expect(fromSpill.ids.seq(of: "aaaaaaaa-0000-4000-8000-000000000009") == nil)

        // The next append reads that cache, and reuse of an id written by the rebuilding append is still caught.
        let again = try spilled.append(encoded: [try Self.visit(3)])
        #expect(again == [.appended(seq: fromSpill.count)])
        var changed = try Self.visit(1).signed.event
        changed.body["purpose"] = "changed"
        let forged = try EventSignature.sign(changed, with: try Fixture.key(2))
        #expect(throws: LedgerError.self) { try spilled.append(encoded: [EncodedEvent(forged)]) }
    }

    /// A refused append that rebuilt (and spilled) the fold writes nothing: the log, hash store and
    /// checkpoints are byte-identical, no append cache is saved, and no spill folder is left.
    @Test func aRefusedAppendAfterASpilledReplayChangesNothing() throws {
        let generated = try GeneratedLedger(seed: 32, steps: 180)
        defer { generated.remove() }
        try FileManager.default.removeItem(at: generated.dir.cache)
        let ledger = Ledger(directory: generated.dir, rules: Rules())
        let files = [generated.dir.events, generated.dir.hashes, generated.dir.checkpoint, generated.dir.checkpoints]
        let before = try files.map { try Data(contentsOf: $0) }
        // The second event reuses the first one's id: the batch is refused after the replay spilled.
        let first = try Self.visit(4)
        var twin = first.signed.event
        twin.body["purpose"] = "other"
        let refused = [first, EncodedEvent(try EventSignature.sign(twin, with: try Fixture.key(2)))]
        #expect(throws: LedgerError.self) { try ledger.append(encoded: refused, spillBudget: 2) }
        #expect(try files.map { try Data(contentsOf: $0) } == before)
        #expect(Self.spillFolders(generated.dir).isEmpty)
        #expect(!FileManager.default.fileExists(atPath: LedgerSnapshot<Rules>.stateURL(generated.dir).path))
    }
}
