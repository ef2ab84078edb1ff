import MutualLedger

/// An event ready to be signed: what the friendly commands and the CSV importers build.
///
/// ```swift
/// let draft = EventDraft(type: VisitConfirmed.type, partnership: "ukug-1", body: VisitConfirmed(visit: "v-1").ledgerBody)
/// let signed = try ledger.sign(type: draft.type, body: draft.body, partnership: draft.partnership, occurred: draft.occurred, key: key)
/// ```
public struct EventDraft: Sendable, Equatable {
    public var type: String
    public var schema: Int
    public var partnership: String?
    public var body: [String: JSONValue]
    public var occurred: CalendarDate?

    public init(type: String, schema: Int = 1, partnership: String?, body: [String: JSONValue], occurred: CalendarDate? = nil) {
        self.type = type
        self.schema = schema
        self.partnership = partnership
        self.body = body
        self.occurred = occurred
    }

    /// A draft of a typed body.
    public init<Body: PartnershipEventBody>(_ body: Body, partnership: String?, occurred: CalendarDate? = nil) {
        self.init(type: Body.type, schema: Body.schema, partnership: partnership, body: body.ledgerBody, occurred: occurred)
    }
}
