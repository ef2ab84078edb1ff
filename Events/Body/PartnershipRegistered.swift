import MutualLedger

/// `partnership.registered`: two registered organisations enter a partnership (recorded by a steward).
///
/// ```json
/// {"id": "ukug-1", "orgs": ["nuth", "gulu-rrh"], "lead": "nuth", "funder": "THET", "scheme": "HPS", "start": "2025-04-01", "mou": "MoU 2025/07"}
/// ```
///
/// ```swift
/// let p = try PartnershipRegistered(body: ["id": "ukug-1", "orgs": ["nuth", "gulu-rrh"], "lead": "nuth",
///                                          "funder": "THET", "scheme": "HPS", "start": "2025-04-01"])
/// p.mou   // nil
/// ```
public struct PartnershipRegistered: PartnershipEventBody {
    public static let type = "partnership.registered"
    public static let schema = 1

    public var id: String
    /// Exactly two registered org ids.
    public var orgs: [String]
    /// One of `orgs`.
    public var lead: String
    public var funder: String
    public var scheme: String
    public var start: CalendarDate
    /// Reference of the memorandum of understanding, if there is one.
    public var mou: String?

    public init(id: String, orgs: [String], lead: String, funder: String, scheme: String, start: CalendarDate, mou: String? = nil) {
        self.id = id
        self.orgs = orgs
        self.lead = lead
        self.funder = funder
        self.scheme = scheme
        self.start = start
        self.mou = mou
    }

    public init(body: [String: JSONValue]) throws(LedgerError) {
        let fields = try BodyFields(body, type: Self.type, required: ["id", "orgs", "lead", "funder", "scheme", "start"], optional: ["mou"])
        id = try fields.identifier("id")
        orgs = try fields.identifiers("orgs", count: 2...2)
        lead = try fields.identifier("lead")
        guard orgs.contains(lead) else { throw fields.fail("lead", "must be one of the two orgs (\(orgs.joined(separator: ", ")))") }
        funder = try fields.text("funder", max: 200)
        scheme = try fields.text("scheme", max: 200)
        start = try fields.date("start")
        mou = fields.has("mou") ? try fields.text("mou", max: 500) : nil
    }
}
