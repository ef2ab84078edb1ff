import MutualLedger

/// Upgrades bodies written under older schema versions of a type to the newest shape, so
/// rules and projections only ever see the newest one. Each step maps schema `n` to `n + 1`.
///
/// Every type is at schema 1 today, so ``standard`` is empty; when a body shape changes,
/// bump the type's `schema` and register the step from the old version here.
///
/// The newest schema of a type is its vocabulary's (``EventKind/schema``), or one past the last
/// registered step when the steps go further (a reader ahead of the vocabulary, as in tests).
///
/// ```swift
/// var upcasters = EventUpcasters()
/// upcasters.register(type: "visit.recorded", from: 1) { body in
///     var body = body; body["hostLead"] = .null; return body       // hypothetical schema 2
/// }
/// let (schema, body) = try upcasters.upcast(type: "visit.recorded", schema: 1, body: old, newest: 2)
/// ```
public struct EventUpcasters: Sendable {
    /// One step: the body at schema `from`, returned at schema `from + 1`.
    public typealias Step = @Sendable ([String: JSONValue]) throws(LedgerError) -> [String: JSONValue]

    struct Key: Hashable, Sendable {
        var type: String
        var from: Int
    }

    private var steps: [Key: Step] = [:]
    /// One past the highest registered step, by type.
    private var stepped: [String: Int] = [:]

    public init() {}

    /// The upcasters of the current vocabulary (none yet: every type is at schema 1).
    public static let standard = EventUpcasters()

    /// Registers the step that turns a `type` body at schema `from` into schema `from + 1`.
    public mutating func register(type: String, from: Int, _ step: @escaping Step) {
        steps[Key(type: type, from: from)] = step
        stepped[type] = max(stepped[type] ?? 0, from + 1)
    }

    /// The newest schema of `type`: its ``EventKind/schema``, or further when steps go further;
    /// nil for a type that is neither in the vocabulary nor has steps.
    ///
    /// ```swift
    /// EventUpcasters.standard.newestSchema(of: "visit.recorded")   // 1
    /// EventUpcasters.standard.newestSchema(of: "note.added")       // nil
    /// ```
    public func newestSchema(of type: String) -> Int? {
        let known = EventKind(rawValue: type)?.schema
        guard let further = stepped[type] else { return known }
        return max(known ?? further, further)
    }

    /// The event's body in the newest shape of its type (unchanged when it already is, or when
    /// the type is unknown); throws when its schema cannot be read.
    ///
    /// ```swift
    /// let body = try upcasters.currentBody(of: event)   // what projections read
    /// ```
    public func currentBody(of event: Event) throws(LedgerError) -> [String: JSONValue] {
        guard let newest = newestSchema(of: event.type), event.schema != newest else { return event.body }
        return try upcast(type: event.type, schema: event.schema, body: event.body, newest: newest).body
    }

    /// Whether a step from `schema` exists for `type`.
    public func canUpcast(type: String, from schema: Int) -> Bool { steps[Key(type: type, from: schema)] != nil }

    /// The body upgraded step by step from `schema` to `newest`.
    public func upcast(type: String, schema: Int, body: [String: JSONValue], newest: Int) throws(LedgerError) -> (schema: Int, body: [String: JSONValue]) {
        guard schema >= 1, schema <= newest else {
            throw LedgerError(.validation, "\(type): schema \(schema) is not known (newest is \(newest)); sign the event with schema \(newest)")
        }
        var current = body
        var version = schema
        while version < newest {
            guard let step = steps[Key(type: type, from: version)] else {
                throw LedgerError(.validation, "\(type): schema \(version) can no longer be read (no upgrade to \(version + 1)); sign the event with schema \(newest)")
            }
            current = try step(current)
            version += 1
        }
        return (version, current)
    }
}
