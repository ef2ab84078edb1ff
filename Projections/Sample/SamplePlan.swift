import MutualLedger

/// The sample history as a list of dated events, sorted before writing (see ``SampleHistory``).
struct SamplePlan {
    struct Item {
        var day: CalendarDate
        var type: String
        var body: [String: JSONValue]
        var partnership: String?
        var occurred: CalendarDate?
        var key: SigningKey
        var tag: String?
        var targetTag: String?
        var order: Int
    }

    /// How one partnership behaves; each visit's details are derived from its index.
    struct Style {
        var partnership: String
        var a: String
        var b: String
        var visits: Int
        var firstStart: CalendarDate
        var spacingDays: Int
        /// Direction of visit i: true when it goes from B to A.
        var fromB: (Int) -> Bool
        var mode: (Int) -> String
        var seniors: (Int) -> Int
        var needs: (Int) -> String
        var briefed: (Int) -> Bool
        var confirmed: (Int) -> Bool
        /// Days from the visit's end to its debrief, nil for none.
        var debriefAfter: (Int) -> Int?
        var othersAttending: (Int) -> Int
        /// (receiving org, level) of each learning item of visit i's debrief.
        var learning: (Int, _ from: String, _ to: String) -> [(String, String)]
    }

    let keys: SampleHistory.Keys
    var items: [Item] = []

    init(keys: SampleHistory.Keys) { self.keys = keys }

    static func day(_ text: String) -> CalendarDate { CalendarDate(parsing: text) ?? CalendarDate(daysSinceEpoch: 0) }

    mutating func add(_ day: CalendarDate, _ type: String, _ body: [String: JSONValue], partnership: String? = nil,
                      occurred: CalendarDate? = nil, key: SigningKey, tag: String? = nil, target: String? = nil) {
        items.append(Item(day: day, type: type, body: body, partnership: partnership, occurred: occurred ?? day,
                          key: key, tag: tag, targetTag: target, order: items.count))
    }

    func sorted() -> [Item] {
        items.sorted { ($0.day, $0.order) < ($1.day, $1.order) }
    }

    mutating func setup() {
        let start = Self.day("2024-01-02")
        let steward = keys.steward
        let funder = ActorEnrolledBody(actor: "funder-hpf", name: "Health Partnerships Fund", publicKey: keys.funder.publicKey, org: nil, roles: ["funder"])
        add(start, CoreEventType.actorEnrolled, funder.json, occurred: nil, key: steward)
        for org in SampleHistory.orgs {
            add(start, "org.registered", ["id": .string(org.id), "name": .string(org.name), "country": .string(org.country),
                                          "incomeGroup": .string(org.incomeGroup), "kind": .string(org.kind)], key: steward)
            let body = ActorEnrolledBody(actor: "coord-\(org.id)", name: "Coordinator, \(org.name)",
                                         publicKey: keys.coordinator(org.id).publicKey, org: org.id, roles: ["coordinator"])
            add(start.adding(days: 1), CoreEventType.actorEnrolled, body.json, occurred: nil, key: steward)
        }
        let partnerships: [(String, String, String, String, String)] = [
            ("nb-lk", "northbridge", "lakeside", "northbridge", "2024-01-08"),
            ("rv-hl", "riverside", "highland", "riverside", "2024-01-08"),
            ("cs-md", "coastal", "mountain", "mountain", "2024-01-08"),
        ]
        for (id, a, b, lead, date) in partnerships {
            add(Self.day(date), "partnership.registered",
                ["id": .string(id), "orgs": [.string(a), .string(b)], "lead": .string(lead),
                 "funder": "Health Partnerships Fund", "scheme": "Shared Learning Grants", "start": .string(date)], key: steward)
        }
        add(Self.day("2025-01-06"), "policy.set", ["seniorShareMin": 40], key: keys.funder)
    }

    /// Records visit i of `style` with its confirmation and debrief.
    mutating func visits(_ style: Style) {
        let cadres = ["doctor", "nurse", "midwife", "allied-health", "manager"]
        for i in 0..<style.visits {
            let (from, to) = style.fromB(i) ? (style.b, style.a) : (style.a, style.b)
            let mode = style.mode(i)
            let start = style.firstStart.adding(days: i * style.spacingDays + (i % 3) * 4)
            let end = start.adding(days: mode == "remote" ? 1 + i % 2 : 4 + (i % 4) * 2)
            let size = 1 + (i % 3)
            let travellers: [JSONValue] = (0..<size).map { n in
                .object(["person": .string("p-\(from.prefix(3))-\((i * 3 + n) % 17 + 1)"), "cadre": .string(cadres[(i + n) % cadres.count]),
                         "seniority": .string(n < style.seniors(i) ? "senior" : (n % 2 == 0 ? "mid" : "junior"))])
            }
            let id = "\(style.partnership)-v\(i + 1)"
            let body: [String: JSONValue] = [
                "visit": .string(id), "from": .string(from), "to": .string(to), "start": .string(start.text),
                "end": .string(end.text), "mode": .string(mode), "travellers": .array(travellers),
                "purpose": .string(["emergency triage training", "neonatal care quality improvement", "theatre safety checklist review", "laboratory systems audit"][i % 4]),
                "needsIdentifiedBy": .string(style.needs(i)), "briefedBeforeDeparture": .bool(style.briefed(i)),
            ]
            add(end.adding(days: 1), "visit.recorded", body, partnership: style.partnership, occurred: start,
                key: keys.coordinator(from), tag: id)
            if style.confirmed(i) {
                add(end.adding(days: 3), "visit.confirmed", ["visit": .string(id)], partnership: style.partnership, key: keys.coordinator(to))
            }
            if let after = style.debriefAfter(i) {
                let learning: [JSONValue] = style.learning(i, from, to).enumerated().map { n, item in
                    .object(["receivingOrg": .string(item.0), "level": .string(item.1), "kind": .string(n % 2 == 0 ? "technical" : "cultural"),
                             "summary": .string("Learning \(n + 1) from visit \(i + 1) at \(item.1) level")])
                }
                let held = end.adding(days: max(2, after))
                add(held, "debrief.recorded",
                    ["visit": .string(id), "held": .string(held.text), "facilitatorSeniority": .string(style.seniors(i) > 0 ? "senior" : "mid"),
                     "travellersAttending": .integer(Int64(size)), "nonTravellersAttending": .integer(Int64(style.othersAttending(i))),
                     "learning": .array(learning), "actions": ["Share the summary with the department"]],
                    partnership: style.partnership, key: keys.coordinator(from))
            }
        }
    }

    mutating func mission(_ partnership: String, version: Int, on date: String, by author: String, endorsedBy other: String?,
                          directions: [String], levels: [String], text: String) {
        add(Self.day(date), "mission.revised",
            ["version": .integer(Int64(version)), "text": .string(text),
             "learningDirections": .array(directions.map(JSONValue.string)), "learningLevels": .array(levels.map(JSONValue.string))],
            partnership: partnership, key: keys.coordinator(author))
        if let other {
            add(Self.day(date).adding(days: 14), "mission.endorsed", ["version": .integer(Int64(version))],
                partnership: partnership, key: keys.coordinator(other))
        }
    }

    mutating func innovation(_ partnership: String, _ id: String, from origin: String, to recipient: String, on date: String,
                             title: String, frugal: Bool, statuses: [(String, String)]) {
        add(Self.day(date), "innovation.shared",
            ["innovation": .string(id), "origin": .string(origin), "recipient": .string(recipient), "title": .string(title),
             "description": .string("\(title), shared from \(origin) to \(recipient)"), "frugal": .bool(frugal)],
            partnership: partnership, key: keys.coordinator(origin))
        for (status, day) in statuses {
            add(Self.day(day), "innovation.status",
                ["innovation": .string(id), "status": .string(status), "date": .string(day), "evidence": .string("Recorded at the partnership review")],
                partnership: partnership, key: keys.coordinator(recipient))
        }
    }
}
