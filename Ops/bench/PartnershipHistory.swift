import Foundation
import MutualLedger
import PartnershipEvents

/// An endless, deterministic partnership history that ``PartnershipRules`` accepts: a funder,
/// six orgs with one coordinator each, three partnerships, a policy, missions, then visits with
/// their confirmations and debriefs, innovations with status changes, corrections and new
/// mission versions, each signed by the actor the governance table allows.
struct PartnershipHistory {
    /// One event to sign.
    struct Draft {
        var type: String
        var body: [String: JSONValue]
        var partnership: String?
        var occurred: CalendarDate?
        var id: String
        var key: SigningKey
    }

    static let orgs: [(id: String, name: String, country: String, income: String, kind: String)] = [
        ("northbridge", "Northbridge NHS Trust", "GB", "HIC", "nhs-trust"),
        ("lakeside", "Lakeside Regional Referral Hospital", "UG", "LIC", "hospital"),
        ("riverside", "Riverside University Hospitals", "GB", "HIC", "nhs-trust"),
        ("highland", "Highland Teaching Hospital", "ZM", "LMIC", "hospital"),
        ("coastal", "Coastal Health Board", "GB", "HIC", "nhs-trust"),
        ("mountain", "Mountain District Hospital", "NP", "LMIC", "hospital"),
    ]
    /// (id, org A, org B)
    static let partnerships = [("nb-lk", "northbridge", "lakeside"), ("rv-hl", "riverside", "highland"), ("cs-md", "coastal", "mountain")]
    static let purposes = ["emergency triage training", "neonatal care quality improvement", "theatre safety checklist review",
                           "laboratory systems audit", "sterilisation and infection prevention mentoring", "maternity handover protocol"]
    static let cadres = ["doctor", "nurse", "midwife", "allied-health", "manager"]

    let steward: SigningKey
    let funder = SigningKey.generate()
    let coordinators: [String: SigningKey]
    private var queue: [Draft] = []
    private var round = 0
    private var missionVersion: [String: Int] = [:]
    private var random: SplitMix64

    init(steward: SigningKey, seed: UInt64) {
        self.steward = steward
        var keys: [String: SigningKey] = [:]
        for org in Self.orgs { keys[org.id] = SigningKey.generate() }
        coordinators = keys
        random = SplitMix64(seed: seed)
        setup()
    }

    func coordinator(_ org: String) -> SigningKey { coordinators[org] ?? steward }

    private mutating func add(_ type: String, _ body: [String: JSONValue], partnership: String? = nil,
                              occurred: CalendarDate? = nil, key: SigningKey) -> String {
        let id = EventID.random()
        queue.append(Draft(type: type, body: body, partnership: partnership, occurred: occurred, id: id, key: key))
        return id
    }

    private mutating func setup() {
        let funderBody = ActorEnrolledBody(actor: "funder-hpf", name: "Health Partnerships Fund", publicKey: funder.publicKey, org: nil, roles: ["funder"])
        _ = add(CoreEventType.actorEnrolled, funderBody.json, key: steward)
        for org in Self.orgs {
            _ = add("org.registered", ["id": .string(org.id), "name": .string(org.name), "country": .string(org.country),
                                       "incomeGroup": .string(org.income), "kind": .string(org.kind)], key: steward)
            let body = ActorEnrolledBody(actor: "coord-\(org.id)", name: "Coordinator, \(org.name)",
                                         publicKey: coordinator(org.id).publicKey, org: org.id, roles: ["coordinator"])
            _ = add(CoreEventType.actorEnrolled, body.json, key: steward)
        }
        for (id, a, b) in Self.partnerships {
            _ = add("partnership.registered", ["id": .string(id), "orgs": [.string(a), .string(b)], "lead": .string(a),
                                               "funder": "Health Partnerships Fund", "scheme": "Shared Learning Grants",
                                               "start": "2024-01-08"], key: steward)
        }
        _ = add("policy.set", ["seniorShareMin": 40], key: funder)
    }

    /// The next event of the history.
    mutating func next() -> Draft {
        if queue.isEmpty { nextRound() }
        return queue.removeFirst()
    }

    /// One visit per partnership and round, with its confirmation and debrief; now and then a
    /// mission version, an innovation and its status, a correction.
    private mutating func nextRound() {
        let i = round
        round += 1
        for (partnership, a, b) in Self.partnerships {
            if i % 40 == 0 { mission(partnership, a, b) }
            let (from, to) = i % 3 == 1 ? (b, a) : (a, b)
            let start = CalendarDate(daysSinceEpoch: 19_723 + Int64(i) * 3)   // from 2024-01-01
            let end = start.adding(days: 2 + i % 9)
            let size = 1 + Int(random.next() % 4)
            let travellers: [JSONValue] = (0..<size).map { n in
                .object(["person": .string("p-\(from.prefix(3))-\(i * 5 + n)"), "cadre": .string(Self.cadres[(i + n) % Self.cadres.count]),
                         "seniority": .string(n == 0 ? "senior" : (n % 2 == 0 ? "mid" : "junior"))])
            }
            let visit = "\(partnership)-v\(i + 1)"
            var body: [String: JSONValue] = [
                "visit": .string(visit), "from": .string(from), "to": .string(to), "start": .string(start.text),
                "end": .string(end.text), "mode": .string(i % 5 == 4 ? "remote" : "in-person"), "travellers": .array(travellers),
                "purpose": .string(Self.purposes[Int(random.next() % UInt64(Self.purposes.count))]),
                "needsIdentifiedBy": .string(i % 4 == 0 ? "joint" : "host"), "briefedBeforeDeparture": .bool(i % 6 != 5),
            ]
            let visitID = add("visit.recorded", body, partnership: partnership, occurred: start, key: coordinator(from))
            if i % 25 == 7 {
                body["purpose"] = .string("\(Self.purposes[i % Self.purposes.count]) (dates and purpose corrected)")
                _ = add("event.corrected", ["target": .string(visitID), "body": .object(body), "reason": "purpose misrecorded"],
                        partnership: partnership, key: coordinator(from))
            }
            if i % 7 != 3 {
                _ = add("visit.confirmed", ["visit": .string(visit)], partnership: partnership, key: coordinator(to))
            }
            if i % 5 != 2 {
                let held = end.adding(days: 2 + i % 5)
                let learning: [JSONValue] = (0..<(1 + i % 3)).map { n in
                    .object(["receivingOrg": .string(n % 2 == 0 ? from : to), "level": .string(["personal", "service", "system"][n % 3]),
                             "kind": .string(n % 2 == 0 ? "technical" : "cultural"),
                             "summary": .string("Learning \(n + 1) from \(visit): what the team will change and how it will know")])
                }
                _ = add("debrief.recorded", ["visit": .string(visit), "held": .string(held.text), "facilitatorSeniority": "senior",
                                             "travellersAttending": .integer(Int64(size)), "nonTravellersAttending": .integer(Int64(3 + i % 11)),
                                             "learning": .array(learning), "actions": ["Share the summary with the department"]],
                        partnership: partnership, occurred: held, key: coordinator(from))
            }
            if i % 10 == 5 {
                let innovation = "\(partnership)-i\(i + 1)"
                _ = add("innovation.shared", ["innovation": .string(innovation), "origin": .string(to), "recipient": .string(from),
                                              "title": "Low-cost bubble CPAP", "frugal": true,
                                              "description": .string("A frugal innovation shared from \(to) to \(from) after \(visit)")],
                        partnership: partnership, key: coordinator(to))
                _ = add("innovation.status", ["innovation": .string(innovation), "status": "adopted", "date": .string(end.text),
                                              "evidence": "Recorded at the partnership review"],
                        partnership: partnership, key: coordinator(from))
            }
        }
    }

    private mutating func mission(_ partnership: String, _ a: String, _ b: String) {
        let version = (missionVersion[partnership] ?? 0) + 1
        missionVersion[partnership] = version
        _ = add("mission.revised", ["version": .integer(Int64(version)), "text": "Two-way learning between both organisations, reviewed yearly",
                                    "learningDirections": [.string(a), .string(b)], "learningLevels": ["personal", "institutional"]],
                partnership: partnership, key: coordinator(a))
        _ = add("mission.endorsed", ["version": .integer(Int64(version))], partnership: partnership, key: coordinator(b))
    }
}
