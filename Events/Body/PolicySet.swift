import MutualLedger

/// `policy.set`: targets the projections measure against, for one partnership (envelope
/// `partnership` set) or the whole ledger (`partnership` null). At least one member.
///
/// ```json
/// {"debriefWithinDays": 14, "seniorShareMin": 30}
/// ```
///
/// ```swift
/// try PolicySet(body: ["debriefWithinDays": 14]).debriefWithinDays   // 14
/// ```
public struct PolicySet: PartnershipEventBody {
    public static let type = "policy.set"
    public static let schema = 1

    /// Days after a visit's end by which its debrief should be held (1-365).
    public var debriefWithinDays: Int?
    /// Minimum share of visits with a senior traveller, in percent (0-100).
    public var seniorShareMin: Int?
    /// Months after which a mission statement should be reviewed (1-120).
    public var missionReviewMonths: Int?
    /// Minimum share of visits whose needs the host identified (alone or jointly), in percent (0-100).
    public var hostLedShareMin: Int?

    public init(debriefWithinDays: Int? = nil, seniorShareMin: Int? = nil, missionReviewMonths: Int? = nil, hostLedShareMin: Int? = nil) {
        self.debriefWithinDays = debriefWithinDays
        self.seniorShareMin = seniorShareMin
        self.missionReviewMonths = missionReviewMonths
        self.hostLedShareMin = hostLedShareMin
    }

    public init(body: [String: JSONValue]) throws(LedgerError) {
        let names: Set<String> = ["debriefWithinDays", "seniorShareMin", "missionReviewMonths", "hostLedShareMin"]
        let fields = try BodyFields(body, type: Self.type, required: [], optional: Array(names))
        guard names.contains(where: fields.has) else {
            throw LedgerError(.validation, "policy.set: give at least one of \(names.sorted().joined(separator: ", "))")
        }
        debriefWithinDays = fields.has("debriefWithinDays") ? try fields.integer("debriefWithinDays", in: 1...365) : nil
        seniorShareMin = fields.has("seniorShareMin") ? try fields.integer("seniorShareMin", in: 0...100) : nil
        missionReviewMonths = fields.has("missionReviewMonths") ? try fields.integer("missionReviewMonths", in: 1...120) : nil
        hostLedShareMin = fields.has("hostLedShareMin") ? try fields.integer("hostLedShareMin", in: 0...100) : nil
        for name in names where body[name]?.isNull == true {
            throw fields.fail(name, "must be an integer; leave it out instead of null")
        }
    }
}
