import MutualLedger

/// `innovation.status`: where a shared innovation stands at the recipient.
///
/// ```json
/// {"innovation": "bubble-cpap", "status": "piloted", "date": "2026-06-01", "evidence": "Audit of 40 neonates on ward 2"}
/// ```
///
/// ```swift
/// try InnovationStatusChanged(body: body).status   // .piloted
/// ```
public struct InnovationStatusChanged: PartnershipEventBody {
    public static let type = "innovation.status"
    public static let schema = 1

    public var innovation: String
    public var status: InnovationStatus
    public var date: CalendarDate
    public var evidence: String

    public init(innovation: String, status: InnovationStatus, date: CalendarDate, evidence: String) {
        self.innovation = innovation
        self.status = status
        self.date = date
        self.evidence = evidence
    }

    public init(body: [String: JSONValue]) throws(LedgerError) {
        let fields = try BodyFields(body, type: Self.type, required: ["innovation", "status", "date", "evidence"])
        innovation = try fields.identifier("innovation")
        status = try fields.choice("status")
        date = try fields.date("date")
        evidence = try fields.text("evidence", max: 2_000)
    }
}
