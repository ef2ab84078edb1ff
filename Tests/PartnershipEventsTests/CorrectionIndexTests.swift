import MutualLedger
import Testing
@testable import PartnershipEvents

/// `CorrectionIndex` (the reader's view shared with Projections) follows the vocabulary's
/// correctable and retractable sets, and upgrades older schema versions.
@Suite("Correction index")
struct CorrectionIndexTests {
    static func event(_ n: Int, _ type: String, _ body: [String: JSONValue], schema: Int = 1, partnership: String? = nil) -> Event {
        Event(id: "00000000-0000-4000-8000-00000000000\(n)", type: type, schema: schema, partnership: partnership,
              recorded: Timestamp(seconds: Int64(n)), author: KeyID(rawPublicKey: [UInt8](repeating: 0, count: 32)), body: body)
    }

    static func correction(_ n: Int, of target: Int, _ body: [String: JSONValue]) -> Event {
        event(n, EventCorrected.type, ["target": .string(event(target, "", [:]).id), "body": .object(body), "reason": "r"])
    }

    static func retraction(_ n: Int, of target: Int) -> Event {
        event(n, EventRetracted.type, ["target": .string(event(target, "", [:]).id), "reason": "r"])
    }

    @Test("a ledger-level org.registered (partnership null) is correctable, not retractable")
    func ledgerLevelCorrection() {
        let org = Self.event(1, OrgRegistered.type, ["id": "lic", "incomeGroup": "LIC"])
        let index = CorrectionIndex(events: [org, Self.correction(2, of: 1, ["id": "lic", "incomeGroup": "HIC"]), Self.retraction(3, of: 1)])
        #expect(index.body(of: org.id)?["incomeGroup"] == "HIC")
        #expect(!index.isRetracted(org.id))
        #expect(index.current.map(\.event.id) == [org.id])
    }

    @Test("amendments of types outside the sets are ignored", arguments: [
        (PolicySet.type, true), (MissionRevised.type, true), (CoreEventType.actorEnrolled, true), (VisitConfirmed.type, true),
        (PolicySet.type, false), (OrgRegistered.type, false), (MissionEndorsed.type, false),
    ])
    func outsideTheSets(_ c: (String, Bool)) {
        let original = Self.event(1, c.0, ["n": 0])
        let amendment = c.1 ? Self.correction(2, of: 1, ["n": 1]) : Self.retraction(2, of: 1)
        let index = CorrectionIndex(events: [original, amendment])
        #expect(index.body(of: original.id) == ["n": 0])
        #expect(index.current.count == 1)
    }

    @Test("entries carry the seq the reader gives, and a repeated id keeps the first event")
    func seqsAndRepeatedIDs() {
        var index = CorrectionIndex()
        index.add(Self.event(1, VisitRecorded.type, ["n": 0], partnership: "p"), seq: 7)
        index.add(Self.event(1, VisitRecorded.type, ["n": 9], partnership: "p"), seq: 8)
        #expect(index.current.map(\.seq) == [7])
        #expect(index.current.first?.body == ["n": 0])
    }

    @Test("the newest schema follows registered steps, and bodies are read in the newest shape")
    func upgradesOnRead() throws {
        #expect(EventUpcasters.standard.newestSchema(of: VisitRecorded.type) == 1)
        #expect(EventUpcasters.standard.newestSchema(of: "note.added") == nil)
        var upcasters = EventUpcasters()
        upcasters.register(type: VisitRecorded.type, from: 1) { body in body.merging(["hostLead": "unknown"]) { $1 } }
        #expect(upcasters.newestSchema(of: VisitRecorded.type) == 2)
        let old = Self.event(1, VisitRecorded.type, ["visit": "v-1"], partnership: "p")
        #expect(try upcasters.currentBody(of: old) == ["visit": "v-1", "hostLead": "unknown"])
        let index = CorrectionIndex(events: [old, Self.event(2, VisitRecorded.type, ["visit": "v-2"], schema: 2, partnership: "p")],
                                    upcasters: upcasters)
        #expect(index.current.map(\.body) == [["visit": "v-1", "hostLead": "unknown"], ["visit": "v-2"]])
        #expect(CorrectionIndex(events: [old]).current.first?.body == ["visit": "v-1"])
    }
}
