import MutualLedger

/// `debrief.recorded`: the structured debrief of a visit, reaching colleagues who did not travel.
///
/// ```json
/// {"visit": "v-2026-03", "held": "2026-03-20", "facilitatorSeniority": "senior", "travellersAttending": 3,
///  "nonTravellersAttending": 11,
///  "learning": [{"receivingOrg": "nuth", "level": "service", "kind": "technical", "summary": "Low-cost bubble CPAP"}],
///  "actions": ["Pilot bubble CPAP on ward 2"]}
/// ```
///
/// ```swift
/// let debrief = try DebriefRecorded(body: body)
/// debrief.learning.first?.level   // .service
/// ```
public struct DebriefRecorded: PartnershipEventBody {
    public static let type = "debrief.recorded"
    public static let schema = 1

    /// One piece of learning and the org that receives it.
    public struct Learning: Codable, Sendable, Equatable {
        public var receivingOrg: String
        public var level: LearningLevel
        public var kind: LearningKind
        public var summary: String

        public init(receivingOrg: String, level: LearningLevel, kind: LearningKind, summary: String) {
            self.receivingOrg = receivingOrg
            self.level = level
            self.kind = kind
            self.summary = summary
        }
    }

    public var visit: String
    public var held: CalendarDate
    public var facilitatorSeniority: Seniority
    public var travellersAttending: Int
    public var nonTravellersAttending: Int
    public var learning: [Learning]
    public var actions: [String]

    public init(visit: String, held: CalendarDate, facilitatorSeniority: Seniority, travellersAttending: Int,
                nonTravellersAttending: Int, learning: [Learning], actions: [String]) {
        self.visit = visit
        self.held = held
        self.facilitatorSeniority = facilitatorSeniority
        self.travellersAttending = travellersAttending
        self.nonTravellersAttending = nonTravellersAttending
        self.learning = learning
        self.actions = actions
    }

    public init(body: [String: JSONValue]) throws(LedgerError) {
        let fields = try BodyFields(body, type: Self.type, required: [
            "visit", "held", "facilitatorSeniority", "travellersAttending", "nonTravellersAttending", "learning", "actions",
        ])
        visit = try fields.identifier("visit")
        held = try fields.date("held")
        facilitatorSeniority = try fields.choice("facilitatorSeniority")
        travellersAttending = try fields.integer("travellersAttending", in: 0...10_000)
        nonTravellersAttending = try fields.integer("nonTravellersAttending", in: 0...10_000)
        var learning: [Learning] = []
        for item in try fields.objects("learning", count: 0...200) {
            let entry = try BodyFields(item.body, type: Self.type, path: item.path, required: ["receivingOrg", "level", "kind", "summary"])
            learning.append(Learning(receivingOrg: try entry.identifier("receivingOrg"), level: try entry.choice("level"),
                                     kind: try entry.choice("kind"), summary: try entry.text("summary", max: 2_000)))
        }
        self.learning = learning
        actions = try fields.texts("actions", count: 0...100, max: 1_000)
    }
}
