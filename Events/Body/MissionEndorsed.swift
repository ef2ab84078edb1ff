import MutualLedger

/// `mission.endorsed`: the other organisation's coordinator endorses a mission version.
/// A version is adopted once both organisations have it (its author's org counts as endorsing).
///
/// ```json
/// {"version": 2}
/// ```
///
/// ```swift
/// try MissionEndorsed(body: ["version": 2]).version   // 2
/// ```
public struct MissionEndorsed: PartnershipEventBody {
    public static let type = "mission.endorsed"
    public static let schema = 1

    public var version: Int

    public init(version: Int) { self.version = version }

    public init(body: [String: JSONValue]) throws(LedgerError) {
        let fields = try BodyFields(body, type: Self.type, required: ["version"])
        version = try fields.integer("version", in: 1...10_000)
    }
}
