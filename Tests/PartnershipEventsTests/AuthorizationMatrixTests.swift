import Foundation
import MutualLedger
import Testing
@testable import PartnershipEvents

/// Every role x every event type, checked (dry run) against a ledger that holds
/// a visit v-1 (nuth -> gulu-rrh), an innovation i-1 and mission version 1 by nuth.
@Suite("Authorisation matrix")
struct AuthorizationMatrixTests {
    enum Signer: String, CaseIterable, Sendable {
        case steward, coordinatorSender, coordinatorHost, coordinatorOutsider, funder, auditor
    }

    enum Outcome: Sendable, Equatable { case allowed, unauthorized, invalid }

    /// The expected matrix, written out independently of `Authorization.table`.
    static let expected: [(EventKind, [Signer: Outcome])] = {
        func only(_ allowed: Set<Signer>, invalid: Set<Signer> = []) -> [Signer: Outcome] {
            Dictionary(uniqueKeysWithValues: Signer.allCases.map { signer in
                (signer, allowed.contains(signer) ? .allowed : invalid.contains(signer) ? .invalid : .unauthorized)
            })
        }
        let coordinators: Set<Signer> = [.coordinatorSender, .coordinatorHost]
        return [
            (.actorEnrolled, only([.steward])),
            (.actorRevoked, only([.steward])),
            (.orgRegistered, only([.steward])),
            (.partnershipRegistered, only([.steward])),
            (.policySet, only([.steward, .funder])),
            (.missionRevised, only(coordinators)),
            (.missionEndorsed, only([.coordinatorHost], invalid: [.coordinatorSender])),
            (.visitRecorded, only(coordinators)),
            (.visitConfirmed, only([.coordinatorHost])),
            (.debriefRecorded, only(coordinators)),
            (.innovationShared, only(coordinators)),
            (.innovationStatus, only(coordinators)),
            (.eventCorrected, only(coordinators)),
            (.eventRetracted, only(coordinators)),
        ]
    }()

    static var cases: [(EventKind, Signer)] {
        expected.flatMap { kind, row in Signer.allCases.map { (kind, $0) } }
    }

    @Test("every kind has a row in the code table and in this test")
    func tableIsComplete() {
        #expect(Set(Authorization.table.keys) == Set(EventKind.allCases))
        #expect(Set(Self.expected.map(\.0)) == Set(EventKind.allCases))
        #expect(Authorization.table.values.allSatisfy { !$0.grants.contains { $0.role == .auditor } })
    }

    @Test("role x type", arguments: cases)
    func matrix(kind: EventKind, signer: Signer) throws {
        let fixture = try TestLedger()
        defer { fixture.remove() }
        let visitEvent = try fixture.record(type: VisitRecorded.type, body: TestLedger.visit(), key: fixture.coordinatorSender, partnership: "ukug-1")
        try fixture.record(type: InnovationShared.type, body: TestLedger.innovation(), key: fixture.coordinatorHost, partnership: "ukug-1")
        try fixture.record(type: MissionRevised.type, body: TestLedger.mission(1), key: fixture.coordinatorSender, partnership: "ukug-1")

        let key: SigningKey = switch signer {
        case .steward: fixture.steward
        case .coordinatorSender: fixture.coordinatorSender
        case .coordinatorHost: fixture.coordinatorHost
        case .coordinatorOutsider: fixture.coordinatorOutsider
        case .funder: fixture.funder
        case .auditor: fixture.auditor
        }
        let (body, partnership) = Self.body(for: kind, visitEvent: visitEvent.event.id)
        let signed = try fixture.sign(type: kind.rawValue, body: body, key: key, partnership: partnership)
        let before = fixture.logBytes
        let outcome: Outcome
        do {
            try fixture.ledger.check([signed])
            outcome = .allowed
        } catch {
            outcome = error.code == .unauthorized ? .unauthorized : .invalid
            if error.code == .unauthorized, kind != .actorEnrolled, kind != .actorRevoked {
                #expect(error.message.contains("rule \(Authorization.rule(for: kind).rule)"), "\(error.message)")
            }
            if outcome != Self.expectation(kind, signer) { Issue.record("\(kind.rawValue) by \(signer): \(error)") }
        }
        #expect(outcome == Self.expectation(kind, signer))
        #expect(fixture.logBytes == before)
    }

    static func expectation(_ kind: EventKind, _ signer: Signer) -> Outcome {
        expected.first { $0.0 == kind }?.1[signer] ?? .unauthorized
    }

    static func body(for kind: EventKind, visitEvent: String) -> ([String: JSONValue], String?) {
        switch kind {
        case .actorEnrolled:
            return (ActorEnrolledBody(actor: "new-auditor", name: "New", publicKey: TestLedger.key(42).publicKey, org: nil, roles: ["auditor"]).json, nil)
        case .actorRevoked: return (["actor": "auditor-1", "reason": "left the project"], nil)
        case .orgRegistered: return (["id": "mbarara", "name": "Mbarara RRH", "country": "UG", "incomeGroup": "LIC", "kind": "hospital"], nil)
        case .partnershipRegistered:
            return (["id": "ukug-2", "orgs": ["kch", "gulu-rrh"], "lead": "kch", "funder": "THET", "scheme": "HPS", "start": "2026-01-01"], "ukug-2")
        case .policySet: return (["debriefWithinDays": 14], "ukug-1")
        case .missionRevised: return (TestLedger.mission(2), "ukug-1")
        case .missionEndorsed: return (["version": 1], "ukug-1")
        case .visitRecorded: return (TestLedger.visit("v-2"), "ukug-1")
        case .visitConfirmed: return (["visit": "v-1"], "ukug-1")
        case .debriefRecorded: return (TestLedger.debrief(), "ukug-1")
        case .innovationShared: return (TestLedger.innovation("i-2"), "ukug-1")
        case .innovationStatus: return (["innovation": "i-1", "status": "piloted", "date": "2026-06-01", "evidence": "Audit"], "ukug-1")
        case .eventCorrected:
            var replacement = TestLedger.visit()
            replacement["purpose"] = "Neonatal resuscitation and triage training"
            return (["target": .string(visitEvent), "body": .object(replacement), "reason": "purpose was incomplete"], "ukug-1")
        case .eventRetracted: return (["target": .string(visitEvent), "reason": "recorded twice"], "ukug-1")
        }
    }
}

@Suite("Governance docs")
struct GovernanceDocsTests {
    @Test("docs/GOVERNANCE.md holds the table generated from Authorization.table")
    func docsMatchCode() throws {
        let docs = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("docs/GOVERNANCE.md")
        let text = try String(contentsOf: docs, encoding: .utf8)
        #expect(text.contains(Authorization.markdownTable), "regenerate the table: print(Authorization.markdownTable)")
    }
}
