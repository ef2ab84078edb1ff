import Foundation
import MutualLedger
import Testing
@testable import PartnershipEvents

/// The state's table-backed values are stored in their binary cache encoding: each reads back
/// equal, and a ledger that appends through its cache tables holds the state a rebuild from the
/// log gives.
@Suite struct StateCacheEntryTests {
    static let id = "7f0c2a9e-3b1d-4c55-9a0e-2f6d8b1c4e77"
    static let other = "0a0c2a9e-3b1d-4c55-9a0e-2f6d8b1c4e77"

    static let visits: [PartnershipState.Visit] = [
        .init(partnership: "ukug-1", from: "nuth", to: "gulu-rrh", start: CalendarDate(year: 2026, month: 3, day: 2),
              end: CalendarDate(year: 2026, month: 3, day: 13), eventID: CompactEventID(id), confirmationID: nil, debriefID: nil),
        .init(partnership: "p", from: "a", to: "b", start: CalendarDate(year: 1970, month: 1, day: 1),
              end: CalendarDate(year: 9999, month: 12, day: 31), eventID: CompactEventID("text-id"),
              confirmationID: CompactEventID(other), debriefID: CompactEventID(id), retracted: true),
    ]

    @Test(arguments: visits)
    func visitsRoundTrip(_ visit: PartnershipState.Visit) {
        #expect(PartnershipState.Visit(entryBytes: visit.entryBytes) == visit)
        #expect(PartnershipState.Visit(entryBytes: Array(visit.entryBytes.dropLast())) == nil)
    }

    @Test(arguments: [false, true])
    func innovationsRoundTrip(_ retracted: Bool) {
        let innovation = PartnershipState.Innovation(partnership: "ukug-1", origin: "gulu-rrh", recipient: "nuth",
                                                     eventID: CompactEventID(Self.id), retracted: retracted)
        #expect(PartnershipState.Innovation(entryBytes: innovation.entryBytes) == innovation)
    }

    @Test(arguments: [
        PartnershipState.Recorded(kind: .visitRecorded, partnership: "ukug-1", subject: "v-1", travellers: 3),
        PartnershipState.Recorded(kind: .visitConfirmed, partnership: "ukug-1", subject: "v-1", travellers: nil),
        PartnershipState.Recorded(kind: .orgRegistered, partnership: nil, subject: "nuth", travellers: nil),
        PartnershipState.Recorded(kind: .policySet, partnership: "ukug-1", subject: nil, travellers: 0),
    ])
    func recordedRoundTrips(_ recorded: PartnershipState.Recorded) {
        #expect(PartnershipState.Recorded(entryBytes: recorded.entryBytes) == recorded)
    }

    @Test func recordedHasTheDocumentedBytes() {
        let recorded = PartnershipState.Recorded(kind: .visitRecorded, partnership: "p", subject: nil, travellers: 2)
        let kind = Array("visit.recorded".utf8)
        #expect(recorded.entryBytes == [UInt8(kind.count), 0, 0, 0] + kind + [1, 1, 0, 0, 0, 0x70] + [0] + [1, 2, 0, 0, 0])
        // An unknown kind is refused, not guessed.
        var bytes = recorded.entryBytes
        bytes[4] = UInt8(ascii: "V")
        #expect(PartnershipState.Recorded(entryBytes: bytes) == nil)
    }

    @Test func appendsThroughTheTablesKeepTheStateARebuildGives() throws {
        let t = try TestLedger()
        defer { t.remove() }
        _ = try t.record(type: "visit.recorded", body: TestLedger.visit(), key: t.coordinatorSender, partnership: "ukug-1")
        _ = try t.record(type: "visit.confirmed", body: ["visit": "v-1"], key: t.coordinatorHost, partnership: "ukug-1")
        _ = try t.record(type: "visit.recorded", body: TestLedger.visit("v-2"), key: t.coordinatorSender, partnership: "ukug-1")
        _ = try t.record(type: "debrief.recorded", body: TestLedger.debrief(), key: t.coordinatorSender, partnership: "ukug-1")
        let shared = try t.record(type: "innovation.shared", body: TestLedger.innovation(), key: t.coordinatorHost, partnership: "ukug-1")
        _ = try t.record(type: "event.retracted", body: ["target": .string(shared.event.id), "reason": "shared twice"],
                         key: t.coordinatorHost, partnership: "ukug-1")
        let tables = try FileManager.default.contentsOfDirectory(atPath: t.ledger.directory.cache.path)
        #expect(tables.contains("partnership-visits.values"))
        #expect(tables.contains("partnership-recorded.values"))

        let cached = try t.ledger.withCurrentState { $0.state }
        try FileManager.default.removeItem(at: t.ledger.directory.cache)
        let rebuilt = try t.ledger.withCurrentState { $0.state }
        #expect(cached == rebuilt)
        #expect(cached.visits["v-1"]?.debriefID != nil)
        #expect(cached.visits["v-1"]?.confirmationID != nil)
        #expect(cached.innovations["i-1"]?.retracted == true)
        #expect(cached.retracted.contains(shared.event.id))
    }
}
