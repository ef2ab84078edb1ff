import MutualLedger

/// The members of one event body that the partnership record reads, decoded once.
/// `.skip` is a body that lacks a member the record needs (the fold ignores it).
/// The cases larger than two words are `indirect` (kept in their own box), so that a
/// ``RecordStream/Item`` stays small: a report keeps one per event it reads.
///
/// ```swift
/// let body = RecordBody(.confirm, JSONBodyReader(["visit": .string("v-1")]))   // .confirm(visit: "v-1")
/// ```
public enum RecordBody: Sendable, Equatable {
    case skip
    indirect case org(id: String, name: String, incomeGroup: String)
    indirect case partnership(id: String, orgs: [String], lead: String, funder: String)
    /// `key`: the key id text of the enrolled public key.
    indirect case actor(key: String, org: String)
    indirect case visit(VisitFields)
    case confirm(visit: String)
    indirect case debrief(DebriefFields)
    indirect case missionRevised(version: Int, directions: [String], levels: [String])
    case missionEndorsed(version: Int)
    indirect case innovation(id: String, origin: String, recipient: String, title: String)
    /// `date`: the body's `date`, nil when absent (the event's effective date applies).
    indirect case status(id: String, status: String, date: CalendarDate?)
    case policy(values: [String: Int])

    /// A visit body, e.g. `VisitFields(id: "v-1", from: "kings", to: "gulu", ...)`.
    public struct VisitFields: Sendable, Equatable {
        public var id: String
        public var from: String
        public var to: String
        public var start: CalendarDate
        public var end: CalendarDate
        public var mode: String
        public var travellers: [PartnershipRecord.Traveller]
        public var needsIdentifiedBy: String
        public var briefed: Bool
    }

    /// A debrief body, e.g. `DebriefFields(visit: "v-1", held: d, others: 3, learning: [])`.
    public struct DebriefFields: Sendable, Equatable {
        public var visit: String
        public var held: CalendarDate
        public var others: Int
        public var learning: [PartnershipRecord.LearningItem]
    }

    /// Reads the body of an event of `kind` exactly as ``PartnershipRecordProjection`` does.
    public init(_ kind: RecordKind, _ body: some RecordBodyReader) {
        switch kind {
        case .org:
            guard let id = body.string("id") else { self = .skip; return }
            self = .org(id: id, name: body.string("name") ?? id, incomeGroup: body.string("incomeGroup") ?? "")
        case .partnership:
            guard let id = body.string("id"), let orgs = body.strings("orgs"), orgs.count == 2 else { self = .skip; return }
            self = .partnership(id: id, orgs: orgs, lead: body.string("lead") ?? orgs[0], funder: body.string("funder") ?? "")
        case .actor:
            guard let org = body.string("org"), let key = body.string("publicKey"), let raw = Base64.decode(key) else {
                self = .skip
                return
            }
            self = .actor(key: KeyID(rawPublicKey: raw).text, org: org)
        case .visit:
            self = Self.visit(body)
        case .confirm:
            self = body.string("visit").map { RecordBody.confirm(visit: $0) } ?? .skip
        case .debrief:
            self = Self.debrief(body)
        case .missionRevised:
            guard let version = body.int("version") else { self = .skip; return }
            self = .missionRevised(version: version, directions: body.strings("learningDirections") ?? [],
                                   levels: body.strings("learningLevels") ?? [])
        case .missionEndorsed:
            self = body.int("version").map { RecordBody.missionEndorsed(version: $0) } ?? .skip
        case .innovation:
            guard let id = body.string("innovation"), let origin = body.string("origin"),
                  let recipient = body.string("recipient") else { self = .skip; return }
            self = .innovation(id: id, origin: origin, recipient: recipient, title: body.string("title") ?? id)
        case .status:
            guard let id = body.string("innovation"), let status = body.string("status") else { self = .skip; return }
            self = .status(id: id, status: status, date: body.date("date"))
        case .policy:
            var values: [String: Int] = [:]
            if let value = body.int("debriefWithinDays") { values["debriefWithinDays"] = value }
            if let value = body.int("seniorShareMin") { values["seniorShareMin"] = value }
            if let value = body.int("missionReviewMonths") { values["missionReviewMonths"] = value }
            if let value = body.int("hostLedShareMin") { values["hostLedShareMin"] = value }
            self = .policy(values: values)
        case .other, .corrected, .retracted:
            self = .skip
        }
    }

    private static func visit(_ body: some RecordBodyReader) -> RecordBody {
        guard let id = body.string("visit"), let from = body.string("from"), let to = body.string("to"),
              let start = body.date("start"), let end = body.date("end") else { return .skip }
        let travellers = (body.objects("travellers") ?? []).map {
            PartnershipRecord.Traveller(person: $0.string("person") ?? "", seniority: $0.string("seniority") ?? "")
        }
        return .visit(VisitFields(id: id, from: from, to: to, start: start, end: end, mode: body.string("mode") ?? "in-person",
                                  travellers: travellers, needsIdentifiedBy: body.string("needsIdentifiedBy") ?? "",
                                  briefed: body.bool("briefedBeforeDeparture") ?? false))
    }

    private static func debrief(_ body: some RecordBodyReader) -> RecordBody {
        guard let visit = body.string("visit"), let held = body.date("held") else { return .skip }
        let others = body.int("nonTravellersAttending") ?? body.count("nonTravellersAttending") ?? 0
        let learning = (body.objects("learning") ?? []).compactMap { item -> PartnershipRecord.LearningItem? in
            guard let org = item.string("receivingOrg"), let level = item.string("level") else { return nil }
            return .init(receivingOrg: org, level: level)
        }
        return .debrief(DebriefFields(visit: visit, held: held, others: others, learning: learning))
    }
}
