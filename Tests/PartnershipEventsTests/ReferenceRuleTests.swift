import MutualLedger
import Testing
@testable import PartnershipEvents

/// Referential integrity and enrolment rules, each refused with nothing written.
@Suite("Referential integrity")
struct ReferenceRuleTests {
    struct Case: Sendable, CustomTestStringConvertible {
        var name: String
        var type: String
        var body: [String: JSONValue]
        var partnership: String?
        var signer: Int
        var expected: String
        var testDescription: String { name }
    }

    // signer: 1 steward, 2 coordinator nuth, 3 coordinator gulu-rrh
    static let cases: [Case] = [
        Case(name: "unknown type", type: "note.added", body: ["text": "hi"], partnership: nil, signer: 1, expected: "unknown event type note.added"),
        Case(name: "visit org outside partnership", type: VisitRecorded.type, body: TestLedger.visit(to: "kch"), partnership: "ukug-1", signer: 2,
             expected: "\"to\" kch is not an org of partnership ukug-1"),
        Case(name: "visit without partnership", type: VisitRecorded.type, body: TestLedger.visit(), partnership: nil, signer: 2,
             expected: "belongs to a partnership"),
        Case(name: "visit in unknown partnership", type: VisitRecorded.type, body: TestLedger.visit(), partnership: "ukug-9", signer: 2,
             expected: "partnership ukug-9 is not registered"),
        Case(name: "visit id reused", type: VisitRecorded.type, body: TestLedger.visit("v-0"), partnership: "ukug-1", signer: 2,
             expected: "visit id v-0 is already used"),
        Case(name: "debrief of unknown visit", type: DebriefRecorded.type, body: TestLedger.debrief("v-9"), partnership: "ukug-1", signer: 2,
             expected: "visit v-9 is not recorded"),
        Case(name: "debrief before visit ended", type: DebriefRecorded.type,
             body: TestLedger.debrief("v-0").merging(["held": "2026-03-05"]) { $1 }, partnership: "ukug-1", signer: 2,
             expected: "is before the visit ended"),
        Case(name: "debrief counts more travellers", type: DebriefRecorded.type,
             body: TestLedger.debrief("v-0").merging(["travellersAttending": 5]) { $1 }, partnership: "ukug-1", signer: 2,
             expected: "exceeds the visit's 2 travellers"),
        Case(name: "confirm unknown visit", type: VisitConfirmed.type, body: ["visit": "v-9"], partnership: "ukug-1", signer: 3,
             expected: "visit v-9 is not recorded"),
        Case(name: "status of unknown innovation", type: InnovationStatusChanged.type,
             body: ["innovation": "i-9", "status": "adopted", "date": "2026-06-01", "evidence": "x"], partnership: "ukug-1", signer: 2,
             expected: "innovation i-9 is not shared"),
        Case(name: "mission skips a version", type: MissionRevised.type, body: TestLedger.mission(3), partnership: "ukug-1", signer: 2,
             expected: "version must be 1"),
        Case(name: "endorse missing version", type: MissionEndorsed.type, body: ["version": 1], partnership: "ukug-1", signer: 3,
             expected: "version 1 of ukug-1 does not exist"),
        Case(name: "partnership with unregistered org", type: PartnershipRegistered.type,
             body: ["id": "ukug-2", "orgs": ["nuth", "mulago"], "lead": "nuth", "funder": "THET", "scheme": "HPS", "start": "2026-01-01"],
             partnership: nil, signer: 1, expected: "org mulago is not registered"),
        Case(name: "org registered twice", type: OrgRegistered.type,
             body: ["id": "nuth", "name": "N", "country": "GB", "incomeGroup": "HIC", "kind": "nhs-trust"], partnership: nil, signer: 1,
             expected: "org nuth is already registered"),
        Case(name: "org with partnership", type: OrgRegistered.type,
             body: ["id": "mulago", "name": "M", "country": "UG", "incomeGroup": "LIC", "kind": "hospital"], partnership: "ukug-1", signer: 1,
             expected: "ledger-level event"),
        Case(name: "unknown role", type: CoreEventType.actorEnrolled,
             body: ActorEnrolledBody(actor: "x", name: "X", publicKey: TestLedger.key(40).publicKey, org: nil, roles: ["admin"]).json,
             partnership: nil, signer: 1, expected: "role admin is not known"),
        Case(name: "coordinator without org", type: CoreEventType.actorEnrolled,
             body: ActorEnrolledBody(actor: "x", name: "X", publicKey: TestLedger.key(41).publicKey, org: nil, roles: ["coordinator"]).json,
             partnership: nil, signer: 1, expected: "a coordinator is bound to an org"),
        Case(name: "coordinator of unregistered org", type: CoreEventType.actorEnrolled,
             body: ActorEnrolledBody(actor: "x", name: "X", publicKey: TestLedger.key(43).publicKey, org: "mulago", roles: ["coordinator"]).json,
             partnership: nil, signer: 1, expected: "org mulago is not registered"),
        Case(name: "policy for unknown partnership", type: PolicySet.type, body: ["seniorShareMin": 30], partnership: "ukug-9", signer: 1,
             expected: "partnership ukug-9 is not registered"),
        Case(name: "future schema", type: VisitRecorded.type, body: TestLedger.visit("v-5"), partnership: "ukug-1", signer: 2,
             expected: "schema 2 is not known"),
    ]

    @Test("refused with a message naming the problem, nothing written", arguments: cases)
    func refused(_ testCase: Case) throws {
        let fixture = try TestLedger()
        defer { fixture.remove() }
        try fixture.record(type: VisitRecorded.type, body: TestLedger.visit("v-0"), key: fixture.coordinatorSender, partnership: "ukug-1")
        let key = [1: fixture.steward, 2: fixture.coordinatorSender, 3: fixture.coordinatorHost][testCase.signer] ?? fixture.auditor
        let schema = testCase.name == "future schema" ? 2 : 1
        let signed = try fixture.ledger.sign(type: testCase.type, schema: schema, body: testCase.body, partnership: testCase.partnership, key: key)
        let before = fixture.logBytes
        do {
            _ = try fixture.ledger.append([signed])
            Issue.record("accepted")
        } catch {
            #expect(error.code == .validation, "\(error)")
            #expect(error.message.contains(testCase.expected), "\(error.message)")
        }
        #expect(fixture.logBytes == before)
    }

    @Test("a mission version is adopted once both orgs have it")
    func endorsement() throws {
        let fixture = try TestLedger()
        defer { fixture.remove() }
        try fixture.record(type: MissionRevised.type, body: TestLedger.mission(1), key: fixture.coordinatorSender, partnership: "ukug-1")
        try fixture.record(MissionEndorsed(version: 1), key: fixture.coordinatorHost, partnership: "ukug-1")
        let endorsed = try fixture.ledger.withCurrentState { $0.state.endorsers(of: "ukug-1", version: 1) }
        #expect(endorsed == ["nuth", "gulu-rrh"])
        let adopted = try fixture.ledger.withCurrentState { $0.state.isAdopted("ukug-1", version: 1, by: $0.state.orgs(of: "ukug-1")) }
        #expect(adopted == true)
        #expect(throws: LedgerError.self) {
            try fixture.record(MissionEndorsed(version: 1), key: fixture.coordinatorHost, partnership: "ukug-1")
        }
    }

    @Test("upcasters upgrade step by step and refuse unknown versions")
    func upcasters() throws {
        var upcasters = EventUpcasters()
        upcasters.register(type: "visit.recorded", from: 1) { body in body.merging(["hostLead": .null]) { $1 } }
        upcasters.register(type: "visit.recorded", from: 2) { body in
            var body = body
            body["hostLead"] = body["hostLead"] == .null ? "unknown" : body["hostLead"]
            return body
        }
        let upgraded = try upcasters.upcast(type: "visit.recorded", schema: 1, body: ["visit": "v-1"], newest: 3)
        #expect(upgraded.schema == 3)
        #expect(upgraded.body == ["visit": "v-1", "hostLead": "unknown"])
        #expect(throws: LedgerError.self) { try upcasters.upcast(type: "visit.recorded", schema: 0, body: [:], newest: 3) }
        #expect(throws: LedgerError.self) { try upcasters.upcast(type: "debrief.recorded", schema: 1, body: [:], newest: 2) }
        #expect(EventUpcasters.standard.canUpcast(type: "visit.recorded", from: 1) == false)
    }
}
