import Foundation
import MutualLedger
import PartnershipEvents
import Projections

/// A small hand-made ledger whose reports are computed by hand in the tests. It is written through
/// `PartnershipRules` (the domain rules of issue 3, fixed clock), so every line is one the real
/// append path accepts: orgs are registered before coordinators are enrolled for them.
///
/// seq 1-2 orgs (hic HIC, lic LIC), 3-4 coordinators (hic-co, lic-co), 5 partnership p1 (lead lic),
/// 6 visit v1 hic→lic 2025-01-10..14 in-person [senior, junior] host briefed, 7 confirm v1,
/// 8 debrief v1 held 01-20, 3 others, learning lic/system + hic/personal,
/// 9 visit v2 lic→hic 2025-03-01..03 remote [mid] sender not briefed (unconfirmed),
/// 10 debrief v2 held 05-01 (late), 0 others, learning hic/service,
/// 11 visit v3 hic→lic 2025-06-01..02 hybrid [junior, junior, mid] joint briefed, 12 confirm v3,
/// 13 innovation i1 lic→hic (02-01), 14 i1 adopted (04-01), 15 innovation i2 hic→lic (02-10),
/// 16 mission v1 by hic (2024-01-10) both ways, both levels, 17 endorsed by lic (2024-02-01).
/// Options append: corrections (18 correct v2, 19 retract debrief seq 10) or policies
/// (18 ledger seniorShareMin 30, 19 p1 seniorShareMin 40) or missionV2 (18 v2 by hic, not endorsed)
/// or orgCorrection (18 the steward corrects lic's incomeGroup from LIC to HIC, on 2025-06-05).
struct Fixture {
    enum Extra: Sendable { case none, corrections, policies, missionV2, orgCorrection }

    let dir: LedgerDirectory
    let root: URL

    static func key(_ n: UInt8) throws -> SigningKey { try SigningKey(seed: [UInt8](repeating: n, count: 32)) }

    static func day(_ text: String) -> CalendarDate { CalendarDate(parsing: text) ?? CalendarDate(daysSinceEpoch: 0) }

    init(_ extra: Extra = .none, logKey: UInt8 = 9) throws {
        root = FileManager.default.temporaryDirectory.appendingPathComponent("proj-\(UUID().uuidString)")
        dir = LedgerDirectory(root.appendingPathComponent("ledger"))
        let clock: @Sendable () -> Date = { Date(timeIntervalSince1970: 1_704_067_200) }  // 2024-01-01
        let ledger = Ledger(directory: dir, rules: PartnershipRules(), clock: clock)
        let steward = try Self.key(1), hicCo = try Self.key(2), licCo = try Self.key(3)
        var w = try HistoryWriter(ledger: ledger, origin: "example.org/fixture", steward: steward, logKey: try Self.key(logKey))
        let d = Self.day
        try w.record("org.registered", ["id": "hic", "name": "High Trust", "country": "GB", "incomeGroup": "HIC", "kind": "nhs-trust"], on: d("2024-01-01"), by: steward)
        try w.record("org.registered", ["id": "lic", "name": "Low Hospital", "country": "UG", "incomeGroup": "LIC", "kind": "hospital"], on: d("2024-01-01"), by: steward)
        try w.enroll("hic-co", name: "H", key: hicCo, org: "hic", roles: ["coordinator"], on: d("2024-01-01"), steward: steward)
        try w.enroll("lic-co", name: "L", key: licCo, org: "lic", roles: ["coordinator"], on: d("2024-01-01"), steward: steward)
        try w.record("partnership.registered", ["id": "p1", "orgs": ["lic", "hic"], "lead": "lic", "funder": "F", "scheme": "S", "start": "2024-01-01"], on: d("2024-01-01"), by: steward)
        try w.record("visit.recorded", Self.visit("v1", "hic", "lic", "2025-01-10", "2025-01-14", "in-person", ["senior", "junior"], "host", true), partnership: "p1", on: d("2025-01-14"), by: hicCo)
        try w.record("visit.confirmed", ["visit": "v1"], partnership: "p1", on: d("2025-01-16"), by: licCo)
        try w.record("debrief.recorded", Self.debrief("v1", "2025-01-20", 3, [("lic", "system"), ("hic", "personal")]), partnership: "p1", on: d("2025-01-20"), by: hicCo)
        try w.record("visit.recorded", Self.visit("v2", "lic", "hic", "2025-03-01", "2025-03-03", "remote", ["mid"], "sender", false), partnership: "p1", on: d("2025-03-03"), by: licCo)
        try w.record("debrief.recorded", Self.debrief("v2", "2025-05-01", 0, [("hic", "service")]), partnership: "p1", on: d("2025-05-01"), by: licCo)
        try w.record("visit.recorded", Self.visit("v3", "hic", "lic", "2025-06-01", "2025-06-02", "hybrid", ["junior", "junior", "mid"], "joint", true), partnership: "p1", on: d("2025-06-02"), by: hicCo)
        try w.record("visit.confirmed", ["visit": "v3"], partnership: "p1", on: d("2025-06-05"), by: licCo)
        try w.record("innovation.shared", Self.innovation("i1", "lic", "hic"), partnership: "p1", on: d("2025-02-01"), by: licCo)
        try w.record("innovation.status", ["innovation": "i1", "status": "adopted", "date": "2025-04-01", "evidence": "audit"], partnership: "p1", on: d("2025-04-01"), by: hicCo)
        try w.record("innovation.shared", Self.innovation("i2", "hic", "lic"), partnership: "p1", on: d("2025-02-10"), by: hicCo)
        try w.record("mission.revised", ["version": 1, "text": "Shared learning", "learningDirections": ["hic", "lic"], "learningLevels": ["personal", "institutional"]], partnership: "p1", on: d("2024-01-10"), by: hicCo)
        try w.record("mission.endorsed", ["version": 1], partnership: "p1", on: d("2024-02-01"), by: licCo)
        switch extra {
        case .none:
            break
        case .corrections:
            let corrected = Self.visit("v2", "lic", "hic", "2025-03-01", "2025-03-03", "remote", ["mid"], "host", true)
            try w.record("event.corrected", ["target": .string(Self.id(9)), "body": .object(corrected), "reason": "typo"], partnership: "p1", on: d("2025-06-05"), by: licCo)
            try w.record("event.retracted", ["target": .string(Self.id(10)), "reason": "duplicate"], partnership: "p1", on: d("2025-06-05"), by: licCo)
        case .missionV2:
            try w.record("mission.revised", ["version": 2, "text": "Training", "learningDirections": ["lic"], "learningLevels": ["personal"]], partnership: "p1", on: d("2025-06-05"), by: hicCo)
        case .policies:
            try w.record("policy.set", ["seniorShareMin": 30], on: d("2025-06-05"), by: steward)
            try w.record("policy.set", ["seniorShareMin": 40], partnership: "p1", on: d("2025-06-05"), by: steward)
        case .orgCorrection:
            let corrected: [String: JSONValue] = ["id": "lic", "name": "Low Hospital", "country": "UG", "incomeGroup": "HIC", "kind": "hospital"]
            try w.record("event.corrected", ["target": .string(Self.id(2)), "body": .object(corrected), "reason": "income group mistyped"],
                         on: d("2025-06-05"), by: steward)
        }
        try w.flush()
    }

    /// The event id HistoryWriter gives seq `n`.
    static func id(_ n: Int) -> String {
        let hex = String(n, radix: 16)
        return "00000000-0000-4000-8000-" + String(repeating: "0", count: 12 - hex.count) + hex
    }

    static func visit(_ id: String, _ from: String, _ to: String, _ start: String, _ end: String, _ mode: String,
                      _ seniority: [String], _ needs: String, _ briefed: Bool) -> [String: JSONValue] {
        let travellers = seniority.enumerated().map { JSONValue.object(["person": .string("p-\($0.offset)"), "cadre": "nurse", "seniority": .string($0.element)]) }
        return ["visit": .string(id), "from": .string(from), "to": .string(to), "start": .string(start), "end": .string(end),
                "mode": .string(mode), "travellers": .array(travellers), "purpose": "training",
                "needsIdentifiedBy": .string(needs), "briefedBeforeDeparture": .bool(briefed)]
    }

    static func debrief(_ visit: String, _ held: String, _ others: Int64, _ learning: [(String, String)]) -> [String: JSONValue] {
        ["visit": .string(visit), "held": .string(held), "facilitatorSeniority": "senior", "travellersAttending": 1,
         "nonTravellersAttending": .integer(others),
         "learning": .array(learning.map { .object(["receivingOrg": .string($0.0), "level": .string($0.1), "kind": "technical", "summary": "s"]) }),
         "actions": ["a"]]
    }

    static func innovation(_ id: String, _ origin: String, _ recipient: String) -> [String: JSONValue] {
        ["innovation": .string(id), "origin": .string(origin), "recipient": .string(recipient), "title": .string("Idea \(id)"),
         "description": "d", "frugal": true]
    }

    func read(_ point: ReportPoint = .latest) throws -> LedgerSlice {
        try ProjectionRunner(directory: dir).read(at: point)
    }

    func report(_ kind: ReportDocument.Kind, _ point: ReportPoint = .latest, period: ReportPeriod = .allTime, partnership: String? = nil) throws -> ReportDocument {
        ReportDocument.build(kind, from: try read(point), period: period, partnership: partnership, point: point)
    }

    func remove() { try? FileManager.default.removeItem(at: root) }
}
