import MutualLedger

/// `visit.confirmed`: the host organisation's coordinator attests that a visit took place.
///
/// ```json
/// {"visit": "v-2026-03"}
/// ```
///
/// ```swift
/// try VisitConfirmed(body: ["visit": "v-2026-03"]).visit   // "v-2026-03"
/// ```
public struct VisitConfirmed: PartnershipEventBody {
    public static let type = "visit.confirmed"
    public static let schema = 1

    public var visit: String

    public init(visit: String) { self.visit = visit }

    public init(body: [String: JSONValue]) throws(LedgerError) {
        let fields = try BodyFields(body, type: Self.type, required: ["visit"])
        visit = try fields.identifier("visit")
    }
}
