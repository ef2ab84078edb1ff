import Foundation
import MutualLedger
import Testing
@testable import PartnershipEvents

/// The rules state keeps event ids as 16 bytes in memory but persists them as before: the cache
/// tables, snapshot and audit state files hold the same JSON, and decoding it gives the same state.
@Suite struct StateShapeTests {
    @Test func visitAndInnovationEncodeEventIDsAsText() throws {
        let t = try TestLedger()
        defer { t.remove() }
        let visit = try t.record(type: "visit.recorded", body: TestLedger.visit(), key: t.coordinatorSender, partnership: "ukug-1")
        let confirmation = try t.record(type: "visit.confirmed", body: ["visit": "v-1"], key: t.coordinatorHost, partnership: "ukug-1")
        let innovation = try t.record(type: "innovation.shared", body: TestLedger.innovation(), key: t.coordinatorHost, partnership: "ukug-1")
        try FileManager.default.removeItem(at: t.ledger.directory.cache)
        let state = try t.ledger.withCurrentState { $0.state }
        let stored = try #require(state.visits["v-1"])
        #expect(stored.event == visit.event.id)
        #expect(stored.eventID == CompactEventID(visit.event.id))
        #expect(stored.confirmation == confirmation.event.id)
        #expect(stored.debrief == nil)

        let json = try JSONSerialization.jsonObject(with: JSONEncoder().encode(state)) as? [String: Any]
        let visits = try #require(json?["visits"] as? [String: [String: Any]])
        #expect(visits["v-1"]?["event"] as? String == visit.event.id)
        #expect(visits["v-1"]?["confirmation"] as? String == confirmation.event.id)
        #expect(visits["v-1"]?["debrief"] == nil)
        let innovations = try #require(json?["innovations"] as? [String: [String: Any]])
        #expect(innovations.values.first?["event"] as? String == innovation.event.id)
        let recorded = try #require(json?["recorded"] as? [String: Any])
        for id in [visit.event.id, confirmation.event.id, innovation.event.id] { #expect(recorded[id] != nil, "\(id)") }

        let decoded = try JSONDecoder().decode(PartnershipState.self, from: JSONEncoder().encode(state))
        #expect(decoded == state)
        #expect(decoded.recorded[CompactEventID(visit.event.id)]?.subject == "v-1")
    }
}

extension StateShapeTests {
    /// Verify keeps one `Recorded` per correctable event: it stays packed, and keeps its JSON.
    @Test func recordedStaysSmallAndKeepsItsJSON() throws {
        #expect(MemoryLayout<PartnershipState.Recorded?>.stride <= 40)
        let recorded = PartnershipState.Recorded(kind: .visitRecorded, partnership: "ukug-1", subject: "v-1", travellers: 3)
        let json = try JSONSerialization.jsonObject(with: JSONEncoder().encode(recorded)) as? [String: Any]
        #expect(json?["travellers"] as? Int == 3)
        #expect(json?["kind"] as? String == "visit.recorded")
        #expect(try JSONDecoder().decode(PartnershipState.Recorded.self, from: JSONEncoder().encode(recorded)) == recorded)
        let none = PartnershipState.Recorded(kind: .visitConfirmed, partnership: "ukug-1", subject: "v-1", travellers: nil)
        #expect(try JSONDecoder().decode(PartnershipState.Recorded.self, from: JSONEncoder().encode(none)).travellers == nil)
    }
}
