import MutualLedger

/// `event.retracted`: withdraws an earlier event of a retractable type. The original line
/// stays in the log; projections leave it out (see ``CorrectionIndex``).
///
/// ```json
/// {"target": "7f0c2a9e-3b1d-4c55-9a0e-2f6d8b1c4e77", "reason": "Recorded twice"}
/// ```
///
/// ```swift
/// try EventRetracted(body: ["target": .string(id), "reason": "Recorded twice"]).reason
/// ```
public struct EventRetracted: PartnershipEventBody {
    public static let type = "event.retracted"
    public static let schema = 1

    public var target: String
    public var reason: String

    public init(target: String, reason: String) {
        self.target = target
        self.reason = reason
    }

    public init(body: [String: JSONValue]) throws(LedgerError) {
        let fields = try BodyFields(body, type: Self.type, required: ["target", "reason"])
        guard let target = body["target"]?.stringValue, EventID.isValid(target) else {
            throw fields.fail("target", "must be the lowercase UUID of the event to retract (see `mutual log`)")
        }
        self.target = target
        reason = try fields.text("reason", max: 2_000)
    }
}
