import MutualLedger
import Testing
@testable import PartnershipEvents

@Suite("Corrections and retractions")
struct AmendmentTests {
    @Test("a correction replaces the body for projections; the original line stays")
    func correction() throws {
        let fixture = try TestLedger()
        defer { fixture.remove() }
        let visit = try fixture.record(type: VisitRecorded.type, body: TestLedger.visit(), key: fixture.coordinatorSender, partnership: "ukug-1")
        var replacement = TestLedger.visit()
        replacement["end"] = "2026-03-14"
        try fixture.record(EventCorrected(target: visit.event.id, replacement: replacement, reason: "end date mistyped"),
                           key: fixture.coordinatorHost, partnership: "ukug-1")
        let index = CorrectionIndex(events: fixture.events)
        #expect(index.body(of: visit.event.id)?["end"] == "2026-03-14")
        #expect(index.current(type: VisitRecorded.type).count == 1)
        #expect(index.current(type: EventCorrected.type).isEmpty)
        #expect(fixture.events.contains { $0.id == visit.event.id && $0.body["end"] == "2026-03-13" })
        let state = try fixture.ledger.withCurrentState { $0.state }
        #expect(state.visits["v-1"]?.end == CalendarDate(parsing: "2026-03-14"))
        #expect(try fixture.ledger.verify().isValid)
    }

    @Test("a retraction removes the event from the current record and blocks later references")
    func retraction() throws {
        let fixture = try TestLedger()
        defer { fixture.remove() }
        let visit = try fixture.record(type: VisitRecorded.type, body: TestLedger.visit(), key: fixture.coordinatorSender, partnership: "ukug-1")
        try fixture.record(EventRetracted(target: visit.event.id, reason: "recorded twice"), key: fixture.coordinatorSender, partnership: "ukug-1")
        let index = CorrectionIndex(events: fixture.events)
        #expect(index.isRetracted(visit.event.id))
        #expect(index.current(type: VisitRecorded.type).isEmpty)
        #expect(throws: LedgerError.self) {
            try fixture.record(type: DebriefRecorded.type, body: TestLedger.debrief(), key: fixture.coordinatorSender, partnership: "ukug-1")
        }
        #expect(throws: LedgerError.self) {
            try fixture.record(EventCorrected(target: visit.event.id, replacement: TestLedger.visit(), reason: "x"),
                               key: fixture.coordinatorSender, partnership: "ukug-1")
        }
    }

    struct Refusal: Sendable, CustomTestStringConvertible {
        var name: String
        var expected: String
        var testDescription: String { name }
    }

    static let refusals: [Refusal] = [
        Refusal(name: "unknown target", expected: "no event"),
        Refusal(name: "confirmation is not correctable", expected: "visit.confirmed events cannot be corrected"),
        Refusal(name: "replacement invalid for the type", expected: "the replacement body is not valid: visit.recorded: \"mode\""),
        Refusal(name: "replacement changes the visit id", expected: "a correction keeps \"visit\""),
        Refusal(name: "replacement moves the visit outside the partnership", expected: "kch is not an org of partnership ukug-1"),
        Refusal(name: "wrong partnership", expected: "the envelope's partnership must be the target's"),
    ]

    @Test("corrections that are refused", arguments: refusals)
    func refused(_ refusal: Refusal) throws {
        let fixture = try TestLedger()
        defer { fixture.remove() }
        let visit = try fixture.record(type: VisitRecorded.type, body: TestLedger.visit(), key: fixture.coordinatorSender, partnership: "ukug-1")
        let confirmation = try fixture.record(VisitConfirmed(visit: "v-1"), key: fixture.coordinatorHost, partnership: "ukug-1")
        var target = visit.event.id
        var replacement = TestLedger.visit()
        var partnership: String? = "ukug-1"
        switch refusal.name {
        case "unknown target": target = "00000000-0000-4000-8000-000000000000"
        case "confirmation is not correctable": target = confirmation.event.id; replacement = ["visit": "v-1"]
        case "replacement invalid for the type": replacement["mode"] = "walking"
        case "replacement changes the visit id": replacement["visit"] = "v-2"
        case "replacement moves the visit outside the partnership": replacement["to"] = "kch"
        default: partnership = nil
        }
        let before = fixture.logBytes
        #expect {
            try fixture.record(EventCorrected(target: target, replacement: replacement, reason: "fix"), key: fixture.coordinatorSender, partnership: partnership)
        } throws: { error in
            (error as? LedgerError)?.message.contains(refusal.expected) == true
        }
        #expect(fixture.logBytes == before)
    }
}
