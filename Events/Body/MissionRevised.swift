import MutualLedger

/// `mission.revised`: a new version of the partnership's mission statement.
///
/// `learningDirections` lists the orgs declared to learn (both ids: learning in both directions);
/// `learningLevels` is a subset of `personal`, `institutional`.
///
/// ```json
/// {"version": 2, "text": "Both hospitals learn ...", "learningDirections": ["nuth", "gulu-rrh"],
///  "learningLevels": ["personal", "institutional"], "supersedes": 1}
/// ```
///
/// ```swift
/// let m = try MissionRevised(body: ["version": 1, "text": "We learn together", "learningDirections": ["nuth"], "learningLevels": ["personal"]])
/// m.isBidirectional   // false
/// ```
public struct MissionRevised: PartnershipEventBody {
    public static let type = "mission.revised"
    public static let schema = 1

    public var version: Int
    public var text: String
    public var learningDirections: [String]
    public var learningLevels: [MissionLevel]
    public var supersedes: Int?

    public init(version: Int, text: String, learningDirections: [String], learningLevels: [MissionLevel], supersedes: Int? = nil) {
        self.version = version
        self.text = text
        self.learningDirections = learningDirections
        self.learningLevels = learningLevels
        self.supersedes = supersedes
    }

    public init(body: [String: JSONValue]) throws(LedgerError) {
        let fields = try BodyFields(body, type: Self.type, required: ["version", "text", "learningDirections", "learningLevels"], optional: ["supersedes"])
        version = try fields.integer("version", in: 1...10_000)
        text = try fields.text("text", max: 10_000)
        learningDirections = try fields.identifiers("learningDirections", count: 1...2)
        learningLevels = try fields.choices("learningLevels", MissionLevel.self, count: 1...2)
        if fields.has("supersedes") {
            let old = try fields.integer("supersedes", in: 1...10_000)
            guard old < version else { throw fields.fail("supersedes", "must name an earlier version than \(version)") }
            supersedes = old
        } else {
            supersedes = nil
        }
    }

    /// Whether both orgs are declared to learn.
    public var isBidirectional: Bool { learningDirections.count == 2 }
}
