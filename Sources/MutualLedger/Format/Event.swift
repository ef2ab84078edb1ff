/// The part of a ledger line that its author signs: what happened, who says so, and when.
///
/// The member names are part of the ledger format (docs/FORMAT.md):
/// `id`, `type`, `schema`, `partnership`, `recorded`, `author`, `body`, and optional `occurred`.
///
/// ```swift
/// let event = Event(id: EventID.random(), type: "visit.recorded", schema: 1,
///                   partnership: "ukug-1", recorded: Timestamp(seconds: 1_700_000_000),
///                   author: key.id, body: ["visit": "v-1"], occurred: CalendarDate(parsing: "2026-03-01"))
/// ```
public struct Event: Sendable, Hashable {
    /// Unique event id, a lowercase UUID.
    public var id: String
    /// The event type, e.g. `visit.recorded`.
    public var type: String
    /// Version of this type's body shape.
    public var schema: Int
    /// The partnership id, or nil for ledger-level events.
    public var partnership: String?
    /// When the event was recorded (UTC, seconds).
    public var recorded: Timestamp
    /// The key id of the signer.
    public var author: KeyID
    /// The type-specific body (a JSON object).
    public var body: [String: JSONValue]
    /// The day the real-world action happened, when the author gave one.
    public var occurred: CalendarDate?

    public init(id: String, type: String, schema: Int, partnership: String?, recorded: Timestamp,
                author: KeyID, body: [String: JSONValue], occurred: CalendarDate? = nil) {
        self.id = id
        self.type = type
        self.schema = schema
        self.partnership = partnership
        self.recorded = recorded
        self.author = author
        self.body = body
        self.occurred = occurred
    }

    /// The day that places this event in time: `occurred`, else the day of `recorded`.
    public var effectiveDate: CalendarDate { occurred ?? recorded.day }
}
