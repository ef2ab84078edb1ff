import MutualLedger

/// `innovation.shared`: an innovation passed from one organisation to the other.
///
/// ```json
/// {"innovation": "bubble-cpap", "origin": "gulu-rrh", "recipient": "nuth", "title": "Bubble CPAP from locally sourced parts",
///  "description": "...", "frugal": true}
/// ```
///
/// ```swift
/// try InnovationShared(body: body).frugal   // true
/// ```
public struct InnovationShared: PartnershipEventBody {
    public static let type = "innovation.shared"
    public static let schema = 1

    public var innovation: String
    public var origin: String
    public var recipient: String
    public var title: String
    public var description: String
    public var frugal: Bool

    public init(innovation: String, origin: String, recipient: String, title: String, description: String, frugal: Bool) {
        self.innovation = innovation
        self.origin = origin
        self.recipient = recipient
        self.title = title
        self.description = description
        self.frugal = frugal
    }

    public init(body: [String: JSONValue]) throws(LedgerError) {
        let fields = try BodyFields(body, type: Self.type, required: ["innovation", "origin", "recipient", "title", "description", "frugal"])
        innovation = try fields.identifier("innovation")
        origin = try fields.identifier("origin")
        recipient = try fields.identifier("recipient")
        guard origin != recipient else { throw fields.fail("recipient", "must differ from origin; an innovation passes between the two orgs") }
        title = try fields.text("title", max: 200)
        description = try fields.text("description", max: 4_000)
        frugal = try fields.bool("frugal")
    }
}
