import MutualLedger
import Testing
@testable import PartnershipEvents

/// Field rules of every body type: each case breaks one rule of a valid body and
/// expects a validation error naming the field.
@Suite("Body validation")
struct BodyValidationTests {
    struct Case: Sendable, CustomTestStringConvertible {
        var kind: EventKind
        var name: String
        var change: @Sendable (inout [String: JSONValue]) -> Void
        var expected: String
        var testDescription: String { "\(kind.rawValue): \(name)" }
    }

    static func valid(_ kind: EventKind) -> [String: JSONValue] {
        switch kind {
        case .orgRegistered: return ["id": "gulu-rrh", "name": "Gulu RRH", "country": "UG", "incomeGroup": "LIC", "kind": "hospital"]
        case .partnershipRegistered:
            return ["id": "ukug-1", "orgs": ["nuth", "gulu-rrh"], "lead": "nuth", "funder": "THET", "scheme": "HPS", "start": "2025-04-01"]
        case .policySet: return ["debriefWithinDays": 14, "seniorShareMin": 30]
        case .missionRevised: return TestLedger.mission(2).merging(["supersedes": 1]) { $1 }
        case .missionEndorsed: return ["version": 1]
        case .visitRecorded: return TestLedger.visit()
        case .visitConfirmed: return ["visit": "v-1"]
        case .debriefRecorded: return TestLedger.debrief()
        case .innovationShared: return TestLedger.innovation()
        case .innovationStatus: return ["innovation": "i-1", "status": "piloted", "date": "2026-06-01", "evidence": "Audit"]
        case .eventCorrected: return ["target": "7f0c2a9e-3b1d-4c55-9a0e-2f6d8b1c4e77", "body": ["visit": "v-1"], "reason": "typo"]
        case .eventRetracted: return ["target": "7f0c2a9e-3b1d-4c55-9a0e-2f6d8b1c4e77", "reason": "recorded twice"]
        case .actorEnrolled, .actorRevoked: return [:]
        }
    }

    static func c(_ kind: EventKind, _ name: String, _ expected: String, _ change: @escaping @Sendable (inout [String: JSONValue]) -> Void) -> Case {
        Case(kind: kind, name: name, change: change, expected: expected)
    }

    static func traveller(_ field: String, _ value: JSONValue) -> @Sendable (inout [String: JSONValue]) -> Void {
        { body in
            let item: [String: JSONValue] = ["person": "p-017", "cadre": "nurse", "seniority": "senior"]
            body["travellers"] = .array([.object(item.merging([field: value]) { $1 })])
        }
    }

    static func learning(_ field: String, _ value: JSONValue) -> @Sendable (inout [String: JSONValue]) -> Void {
        { body in
            let item: [String: JSONValue] = ["receivingOrg": "nuth", "level": "service", "kind": "technical", "summary": "x"]
            body["learning"] = .array([.object(item.merging([field: value]) { $1 })])
        }
    }

    static let cases: [Case] = [
        c(.orgRegistered, "missing name", "\"name\" is missing") { $0["name"] = nil },
        c(.orgRegistered, "unknown field", "\"beds\" is not a field") { $0["beds"] = 12 },
        c(.orgRegistered, "bad id", "\"id\" must be an identifier") { $0["id"] = "Gulu RRH" },
        c(.orgRegistered, "empty name", "\"name\" must not be empty") { $0["name"] = "  " },
        c(.orgRegistered, "long name", "\"name\" is longer than 200") { $0["name"] = .string(String(repeating: "a", count: 201)) },
        c(.orgRegistered, "country not alpha-2", "\"country\" must be an ISO 3166-1") { $0["country"] = "ug" },
        c(.orgRegistered, "country too long", "\"country\"") { $0["country"] = "UGA" },
        c(.orgRegistered, "income group", "\"incomeGroup\" must be one of HIC, UMIC, LMIC, LIC") { $0["incomeGroup"] = "low" },
        c(.partnershipRegistered, "one org", "\"orgs\" must hold 2 to 2") { $0["orgs"] = ["nuth"] },
        c(.partnershipRegistered, "same org twice", "lists nuth twice") { $0["orgs"] = ["nuth", "nuth"] },
        c(.partnershipRegistered, "lead outside", "\"lead\" must be one of the two orgs") { $0["lead"] = "kch" },
        c(.partnershipRegistered, "bad start", "\"start\" must be a date") { $0["start"] = "2025-02-30" },
        c(.partnershipRegistered, "mou not text", "\"mou\" must be a string") { $0["mou"] = 7 },
        c(.partnershipRegistered, "empty funder", "\"funder\" must not be empty") { $0["funder"] = "" },
        c(.policySet, "empty", "give at least one of") { $0 = [:] },
        c(.policySet, "share over 100", "\"seniorShareMin\" must be an integer from 0 to 100") { $0["seniorShareMin"] = 101 },
        c(.policySet, "days zero", "\"debriefWithinDays\" must be an integer from 1 to 365") { $0["debriefWithinDays"] = 0 },
        c(.policySet, "months as text", "\"missionReviewMonths\" must be an integer") { $0["missionReviewMonths"] = "12" },
        c(.policySet, "null member", "\"hostLedShareMin\" must be an integer") { $0["hostLedShareMin"] = .null },
        c(.policySet, "unknown", "\"floor\" is not a field") { $0["floor"] = 1 },
        c(.missionRevised, "version zero", "\"version\" must be an integer from 1") { $0["version"] = 0 },
        c(.missionRevised, "level unknown", "\"learningLevels\" must list values among personal, institutional") { $0["learningLevels"] = ["team"] },
        c(.missionRevised, "no directions", "\"learningDirections\" must hold 1 to 2") { $0["learningDirections"] = [] },
        c(.missionRevised, "supersedes later", "\"supersedes\" must name an earlier version") { $0["supersedes"] = 2 },
        c(.missionRevised, "empty text", "\"text\" must not be empty") { $0["text"] = "" },
        c(.missionEndorsed, "version text", "\"version\" must be an integer") { $0["version"] = "1" },
        c(.visitRecorded, "missing purpose", "\"purpose\" is missing") { $0["purpose"] = nil },
        c(.visitRecorded, "traveller names", "\"travellerNames\" is not a field") { $0["travellerNames"] = ["Jane Doe"] },
        c(.visitRecorded, "bad visit id", "\"visit\" must be an identifier") { $0["visit"] = "V 1" },
        c(.visitRecorded, "same org", "\"to\" must differ from \"from\"") { $0["to"] = "nuth" },
        c(.visitRecorded, "end before start", "\"end\" (2026-03-01) is before start") { $0["end"] = "2026-03-01" },
        c(.visitRecorded, "bad date", "\"start\" must be a date") { $0["start"] = "02/03/2026" },
        c(.visitRecorded, "mode", "\"mode\" must be one of in-person, remote, hybrid") { $0["mode"] = "walking" },
        c(.visitRecorded, "no travellers", "\"travellers\" must hold 1 to 200") { $0["travellers"] = [] },
        c(.visitRecorded, "traveller name instead of id", "\"travellers[0].person\" must be an identifier", traveller("person", "Jane Doe")),
        c(.visitRecorded, "cadre", "\"travellers[0].cadre\" must be one of doctor, nurse", traveller("cadre", "surgeon")),
        c(.visitRecorded, "seniority", "\"travellers[0].seniority\" must be one of junior, mid, senior", traveller("seniority", "boss")),
        c(.visitRecorded, "traveller extra field", "\"travellers[0].name\" is not a field", traveller("name", "Jane")),
        c(.visitRecorded, "traveller twice", "lists p-017 twice") { $0["travellers"] = [
            ["person": "p-017", "cadre": "nurse", "seniority": "senior"], ["person": "p-017", "cadre": "nurse", "seniority": "senior"]] },
        c(.visitRecorded, "needs", "\"needsIdentifiedBy\" must be one of host, joint, sender") { $0["needsIdentifiedBy"] = "funder" },
        c(.visitRecorded, "briefed as text", "\"briefedBeforeDeparture\" must be true or false") { $0["briefedBeforeDeparture"] = "yes" },
        c(.visitConfirmed, "missing visit", "\"visit\" is missing") { $0["visit"] = nil },
        c(.debriefRecorded, "facilitator", "\"facilitatorSeniority\" must be one of") { $0["facilitatorSeniority"] = "chief" },
        c(.debriefRecorded, "negative attendance", "\"nonTravellersAttending\" must be an integer from 0") { $0["nonTravellersAttending"] = -1 },
        c(.debriefRecorded, "learning level", "\"learning[0].level\" must be one of personal, professional, service, system", learning("level", "global")),
        c(.debriefRecorded, "learning kind", "\"learning[0].kind\" must be one of technical, cultural", learning("kind", "clinical")),
        c(.debriefRecorded, "learning org", "\"learning[0].receivingOrg\" must be an identifier", learning("receivingOrg", "Nuth")),
        c(.debriefRecorded, "actions not text", "\"actions\" must list non-empty strings") { $0["actions"] = [1] },
        c(.debriefRecorded, "held", "\"held\" must be a date") { $0["held"] = "soon" },
        c(.innovationShared, "same org", "\"recipient\" must differ from origin") { $0["recipient"] = "gulu-rrh" },
        c(.innovationShared, "frugal text", "\"frugal\" must be true or false") { $0["frugal"] = "yes" },
        c(.innovationShared, "long title", "\"title\" is longer than 200") { $0["title"] = .string(String(repeating: "t", count: 201)) },
        c(.innovationStatus, "status", "\"status\" must be one of considered, piloted, adopted, scaled, abandoned") { $0["status"] = "done" },
        c(.innovationStatus, "date", "\"date\" must be a date") { $0["date"] = "2026-13-01" },
        c(.eventCorrected, "target not uuid", "\"target\" must be the lowercase UUID") { $0["target"] = "seq-4" },
        c(.eventCorrected, "body not object", "\"body\" must be the complete replacement body") { $0["body"] = "v-1" },
        c(.eventCorrected, "no reason", "\"reason\" is missing") { $0["reason"] = nil },
        c(.eventRetracted, "target uppercase", "\"target\" must be the lowercase UUID") { $0["target"] = "7F0C2A9E-3B1D-4C55-9A0E-2F6D8B1C4E77" },
    ]

    @Test("valid bodies decode and encode back unchanged", arguments: EventKind.allCases.filter { $0 != .actorEnrolled && $0 != .actorRevoked })
    func roundTrip(kind: EventKind) throws {
        let body = Self.valid(kind)
        let decoded = try kind.validate(body)
        #expect(decoded.ledgerBody == body)
    }

    @Test("a broken field is refused, naming the field", arguments: cases)
    func refused(_ testCase: Case) {
        var body = Self.valid(testCase.kind)
        testCase.change(&body)
        do {
            _ = try testCase.kind.validate(body)
            Issue.record("accepted \(body)")
        } catch {
            #expect(error.code == .validation)
            #expect(error.message.hasPrefix(testCase.kind.rawValue + ":"), "\(error.message)")
            #expect(error.message.contains(testCase.expected), "\(error.message)")
            #expect(!error.message.contains("\n"))
        }
    }
}
