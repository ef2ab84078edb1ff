import MutualLedger

/// `event.corrected`: replaces the body of an earlier event of a correctable type. The original
/// line stays in the log; projections read the replacement (see ``CorrectionIndex``).
///
/// ```json
/// {"target": "7f0c2a9e-3b1d-4c55-9a0e-2f6d8b1c4e77", "body": {"visit": "v-2026-03", "...": "..."}, "reason": "End date was mistyped"}
/// ```
///
/// ```swift
/// let c = try EventCorrected(target: id, replacement: newBody, reason: "typo").ledgerBody
/// ```
public struct EventCorrected: PartnershipEventBody {
    public static let type = "event.corrected"
    public static let schema = 1

    /// Id of the event whose body is replaced.
    public var target: String
    /// The complete replacement body, valid for the target's type (member `body`).
    public var replacement: [String: JSONValue]
    public var reason: String

    enum CodingKeys: String, CodingKey { case target, replacement = "body", reason }

    public init(target: String, replacement: [String: JSONValue], reason: String) {
        self.target = target
        self.replacement = replacement
        self.reason = reason
    }

    public init(body: [String: JSONValue]) throws(LedgerError) {
        let fields = try BodyFields(body, type: Self.type, required: ["target", "body", "reason"])
        guard let target = body["target"]?.stringValue, EventID.isValid(target) else {
            throw fields.fail("target", "must be the lowercase UUID of the event to correct (see `mutual log`)")
        }
        self.target = target
        guard let replacement = body["body"]?.objectValue else {
            throw fields.fail("body", "must be the complete replacement body (a JSON object)")
        }
        self.replacement = replacement
        reason = try fields.text("reason", max: 2_000)
    }
}
