import Foundation
import MutualLedger
import PartnershipEvents
import Projections

/// A random but reproducible partnership ledger (seeded), written through `PartnershipRules`:
/// visits both ways, confirmations, debriefs, innovations and statuses, policies and mission
/// versions, and, throughout, corrections and retractions of earlier events (visits, debriefs,
/// confirmations, innovations), so that amendments land both before and after any cut.
struct GeneratedLedger {
    let dir: LedgerDirectory
    let root: URL

    struct VisitState {
        var id: String
        var seq: Int
        var from: String
        var to: String
        var start: CalendarDate
        var end: CalendarDate
        var retracted = false
        var confirmSeq: Int?
        var debriefSeq: Int?
    }

    init(seed: UInt64, steps: Int) throws {
        root = FileManager.default.temporaryDirectory.appendingPathComponent("gen-\(UUID().uuidString)")
        dir = LedgerDirectory(root.appendingPathComponent("ledger"))
        var rng = SplitMix64(seed: seed)  // the same seed gives the same ledger on every machine
        let clock: @Sendable () -> Date = { Date(timeIntervalSince1970: 1_704_067_200) }
        let ledger = Ledger(directory: dir, rules: PartnershipRules(), clock: clock)
        let steward = try Fixture.key(1)
        let coordinator = ["hic": try Fixture.key(2), "lic": try Fixture.key(3)]
        var w = try HistoryWriter(ledger: ledger, origin: "example.org/generated", steward: steward, logKey: try Fixture.key(9))
        var day = Fixture.day("2024-01-01")
        try w.record("org.registered", ["id": "hic", "name": "High Trust", "country": "GB", "incomeGroup": "HIC", "kind": "nhs-trust"], on: day, by: steward)
        try w.record("org.registered", ["id": "lic", "name": "Low Hospital", "country": "UG", "incomeGroup": "LIC", "kind": "hospital"], on: day, by: steward)
        try w.enroll("hic-co", name: "H", key: coordinator["hic"] ?? steward, org: "hic", roles: ["coordinator"], on: day, steward: steward)
        try w.enroll("lic-co", name: "L", key: coordinator["lic"] ?? steward, org: "lic", roles: ["coordinator"], on: day, steward: steward)
        try w.record("partnership.registered", ["id": "p1", "orgs": ["lic", "hic"], "lead": "lic", "funder": "F", "scheme": "S", "start": "2024-01-01"], on: day, by: steward)
        try w.record("mission.revised", ["version": 1, "text": "Shared", "learningDirections": ["hic", "lic"], "learningLevels": ["personal", "institutional"]],
                     partnership: "p1", on: day, by: coordinator["hic"] ?? steward)
        var visits: [VisitState] = []
        var innovations: [(id: String, seq: Int, origin: String, recipient: String, retracted: Bool)] = []
        var missionVersion = 1
        var endorsed = false
        let modes = ["in-person", "remote", "hybrid"], seniorities = ["senior", "mid", "junior"]
        let needs = ["host", "sender", "joint"], levels = ["personal", "service", "system"]
        func other(_ org: String) -> String { org == "hic" ? "lic" : "hic" }
        func pick<T>(_ list: [T], _ rng: inout SplitMix64) -> T? { list.isEmpty ? nil : list[Int(rng.next() % UInt64(list.count))] }

        func visitBody(_ v: VisitState, _ rng: inout SplitMix64) -> [String: JSONValue] {
            let count = 1 + Int(rng.next() % 3)
            let travellers = (0..<count).map { n -> JSONValue in
                .object(["person": .string("p-\(n)"), "cadre": "nurse", "seniority": .string(pick(seniorities, &rng) ?? "mid")])
            }
            return ["visit": .string(v.id), "from": .string(v.from), "to": .string(v.to), "start": .string(v.start.text),
                    "end": .string(v.end.text), "mode": .string(pick(modes, &rng) ?? "remote"), "travellers": .array(travellers),
                    "purpose": "training", "needsIdentifiedBy": .string(pick(needs, &rng) ?? "host"),
                    "briefedBeforeDeparture": .bool(rng.next() % 3 != 0)]
        }
        func debriefBody(_ v: VisitState, on day: CalendarDate, _ rng: inout SplitMix64) -> [String: JSONValue] {
            let held = min(v.end.adding(days: Int(rng.next() % 45)), day)
            let learning = (0..<Int(rng.next() % 3)).map { _ -> JSONValue in
                .object(["receivingOrg": .string(pick(["hic", "lic"], &rng) ?? "hic"), "level": .string(pick(levels, &rng) ?? "personal"),
                         "kind": "technical", "summary": "s"])
            }
            return ["visit": .string(v.id), "held": .string(held.text), "facilitatorSeniority": "senior", "travellersAttending": 1,
                    "nonTravellersAttending": .integer(Int64(rng.next() % 4)), "learning": .array(learning), "actions": ["a"]]
        }

        for step in 0..<steps {
            day = day.adding(days: Int(rng.next() % 3))
            let live = visits.indices.filter { !visits[$0].retracted }
            switch rng.next() % 100 {
            case 0..<30:
                let from = rng.next() % 2 == 0 ? "hic" : "lic"
                let end = day.adding(days: -Int(rng.next() % 5))
                var v = VisitState(id: "v\(step)", seq: 0, from: from, to: other(from), start: end.adding(days: -Int(rng.next() % 8)), end: end)
                v.seq = try w.record("visit.recorded", visitBody(v, &rng), partnership: "p1", on: day, by: coordinator[from] ?? steward)
                visits.append(v)
            case 30..<48:
                guard let i = pick(live.filter { visits[$0].confirmSeq == nil }, &rng) else { continue }
                let v = visits[i]
                visits[i].confirmSeq = try w.record("visit.confirmed", ["visit": .string(v.id)], partnership: "p1", on: day, by: coordinator[v.to] ?? steward)
            case 48..<62:
                guard let i = pick(live.filter { visits[$0].debriefSeq == nil }, &rng) else { continue }
                let v = visits[i]
                visits[i].debriefSeq = try w.record("debrief.recorded", debriefBody(v, on: day, &rng), partnership: "p1", on: day, by: coordinator[v.from] ?? steward)
            case 62..<70:
                guard let i = pick(live, &rng) else { continue }
                let v = visits[i]
                try w.record("event.corrected", ["target": .string(w.eventID(ofSeq: v.seq)), "body": .object(visitBody(v, &rng)), "reason": "fix"],
                             partnership: "p1", on: day, by: coordinator[v.from] ?? steward)
            case 70..<75:
                guard let i = pick(live, &rng) else { continue }
                visits[i].retracted = true
                try w.record("event.retracted", ["target": .string(w.eventID(ofSeq: visits[i].seq)), "reason": "duplicate"],
                             partnership: "p1", on: day, by: coordinator[visits[i].from] ?? steward)
            case 75..<79:
                guard let i = pick(live.filter { visits[$0].confirmSeq != nil }, &rng), let seq = visits[i].confirmSeq else { continue }
                visits[i].confirmSeq = nil
                try w.record("event.retracted", ["target": .string(w.eventID(ofSeq: seq)), "reason": "premature"],
                             partnership: "p1", on: day, by: coordinator[visits[i].to] ?? steward)
            case 79..<84:
                guard let i = pick(live.filter { visits[$0].debriefSeq != nil }, &rng), let seq = visits[i].debriefSeq else { continue }
                if rng.next() % 3 == 0 {
                    visits[i].debriefSeq = nil
                    try w.record("event.retracted", ["target": .string(w.eventID(ofSeq: seq)), "reason": "wrong visit"],
                                 partnership: "p1", on: day, by: coordinator[visits[i].from] ?? steward)
                } else {
                    try w.record("event.corrected", ["target": .string(w.eventID(ofSeq: seq)), "body": .object(debriefBody(visits[i], on: day, &rng)), "reason": "fix"],
                                 partnership: "p1", on: day, by: coordinator[visits[i].from] ?? steward)
                }
            case 84..<90:
                let origin = rng.next() % 2 == 0 ? "hic" : "lic"
                let id = "i\(step)"
                let seq = try w.record("innovation.shared", Fixture.innovation(id, origin, other(origin)), partnership: "p1", on: day, by: coordinator[origin] ?? steward)
                innovations.append((id, seq, origin, other(origin), false))
            case 90..<94:
                guard let i = pick(innovations.indices.filter { !innovations[$0].retracted }, &rng) else { continue }
                let item = innovations[i]
                if rng.next() % 4 == 0 {
                    innovations[i].retracted = true
                    try w.record("event.retracted", ["target": .string(w.eventID(ofSeq: item.seq)), "reason": "withdrawn"],
                                 partnership: "p1", on: day, by: coordinator[item.origin] ?? steward)
                } else {
                    try w.record("innovation.status", ["innovation": .string(item.id), "status": .string(pick(["piloted", "adopted", "scaled"], &rng) ?? "adopted"),
                                                       "date": .string(day.text), "evidence": "audit"], partnership: "p1", on: day, by: coordinator[item.recipient] ?? steward)
                }
            case 94..<97:
                try w.record("policy.set", ["seniorShareMin": .integer(Int64(20 + rng.next() % 60))], on: day, by: steward)
            default:
                if !endorsed {
                    endorsed = true
                    try w.record("mission.endorsed", ["version": .integer(Int64(missionVersion))], partnership: "p1", on: day, by: coordinator["lic"] ?? steward)
                } else {
                    missionVersion += 1
                    endorsed = false
                    try w.record("mission.revised", ["version": .integer(Int64(missionVersion)), "text": "Next", "learningDirections": ["hic", "lic"],
                                                     "learningLevels": ["personal", "institutional"]], partnership: "p1", on: day, by: coordinator["hic"] ?? steward)
                }
            }
        }
        try w.flush()
    }

    /// The log's lines (without their newlines).
    func lines() throws -> [[UInt8]] {
        let bytes = [UInt8](try Data(contentsOf: dir.events))
        return bytes.split(separator: 0x0a, omittingEmptySubsequences: true).map(Array.init)
    }

    func remove() { try? FileManager.default.removeItem(at: root) }
}
