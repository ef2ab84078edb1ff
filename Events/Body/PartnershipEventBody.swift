import MutualLedger

/// The body of one partnership event type: its type name, schema version, strict
/// decoding from a ledger body and encoding back to one.
///
/// ```swift
/// let visit = try VisitConfirmed(body: ["visit": "v-2026-03"])
/// visit.ledgerBody                // ["visit": "v-2026-03"]
/// VisitConfirmed.type             // "visit.confirmed"
/// ```
public protocol PartnershipEventBody: Codable, Sendable, Equatable {
    /// The event type, e.g. `visit.recorded`.
    static var type: String { get }
    /// The newest schema version of the body (older ones are upgraded by ``EventUpcasters``).
    static var schema: Int { get }
    /// Decodes and validates a body; fails with a one-line message naming the field and the fix.
    init(body: [String: JSONValue]) throws(LedgerError)
}

extension PartnershipEventBody {
    /// The body as it is written to the ledger (exact member names of docs/EVENTS.md).
    public var ledgerBody: [String: JSONValue] {
        // Bodies hold only strings, integers, booleans, lists and objects, so encoding cannot fail.
        (try? JSONValue(encoding: self))?.objectValue ?? [:]
    }

    /// The event kind of this body type.
    public static var kind: EventKind? { EventKind(rawValue: type) }
}
