extension Event {
    static let requiredMembers: Set<String> = ["id", "type", "schema", "partnership", "recorded", "author", "body"]
    static let allowedMembers: Set<String> = requiredMembers.union(["occurred"])

    /// The event as a JSON object, exactly as it is signed and stored.
    public var json: JSONValue {
        var object: [String: JSONValue] = [
            "id": .string(id),
            "type": .string(type),
            "schema": .integer(Int64(schema)),
            "partnership": partnership.map(JSONValue.string) ?? .null,
            "recorded": .string(recorded.text),
            "author": .string(author.text),
            "body": .object(body),
        ]
        if let occurred { object["occurred"] = .string(occurred.text) }
        return .object(object)
    }

    /// Reads an event object strictly: exactly the documented members, each of the documented form.
    public init(json: JSONValue) throws(LedgerError) {
        guard case .object(let object) = json else {
            throw LedgerError(.invalidFormat, "event is not a JSON object; see docs/FORMAT.md")
        }
        // The usual case, checked without sorting or a Set: the seven required members and at most
        // `occurred` besides. Anything else goes through the checks below, which name the problem.
        let known = object.count == 7 || (object.count == 8 && object["occurred"] != nil)
        if !known || object["id"] == nil || object["type"] == nil || object["schema"] == nil || object["partnership"] == nil
            || object["recorded"] == nil || object["author"] == nil || object["body"] == nil {
            try Self.checkMemberNames(object)
        }
        try self.init(members: Members(id: object["id"], type: object["type"], schema: object["schema"],
                                       partnership: object["partnership"], recorded: object["recorded"],
                                       author: object["author"], body: object["body"], occurred: object["occurred"]))
    }

    /// Reads an event from its members in canonical (sorted) order, as the line scanner has them;
    /// nil unless the names are exactly the documented ones (then ``init(json:)`` names the problem).
    /// Each member is checked by the same code as ``init(json:)``, with the same errors.
    init?(canonicalMembers list: [(name: String, value: JSONValue)]) throws(LedgerError) {
        let names = list.count == 8 ? Self.sortedNamesWithOccurred : Self.sortedNames
        guard list.count == names.count else { return nil }
        for index in list.indices where list[index].name != names[index] { return nil }
        let offset = list.count == 8 ? 1 : 0   // author, body, id, [occurred], partnership, recorded, schema, type
        // Spelled out: `cond ? value : nil` would make `nil` a JSONValue (`.null`), not a missing member.
        var occurred: JSONValue?
        if offset == 1 { occurred = list[3].value }
        try self.init(members: Members(id: list[2].value, type: list[6 + offset].value, schema: list[5 + offset].value,
                                       partnership: list[3 + offset].value, recorded: list[4 + offset].value,
                                       author: list[0].value, body: list[1].value, occurred: occurred))
    }

    private static let sortedNames = ["author", "body", "id", "partnership", "recorded", "schema", "type"]
    private static let sortedNamesWithOccurred = ["author", "body", "id", "occurred", "partnership", "recorded", "schema", "type"]

    /// The members of an event object whose names have been checked (``checkMemberNames(_:)``).
    struct Members {
        var id, type, schema, partnership, recorded, author, body, occurred: JSONValue?
    }

    /// Checks each member's form, in the documented order, and builds the event.
    private init(members object: Members) throws(LedgerError) {
        guard let id = object.id?.stringValue, EventID.isValid(id) else {
            throw LedgerError(.invalidFormat, "event id must be a lowercase UUID like 7f0c2a9e-3b1d-4c55-9a0e-2f6d8b1c4e77")
        }
        guard let type = object.type?.stringValue, EventType.isValid(type) else {
            throw LedgerError(.invalidFormat, "event type must look like `visit.recorded` (lowercase words joined by dots)")
        }
        guard let schema = object.schema?.intValue, schema >= 1, schema <= 1_000 else {
            throw LedgerError(.invalidFormat, "event schema must be an integer from 1 to 1000")
        }
        let partnership: String?
        switch object.partnership {
        case .null?: partnership = nil
        case .string(let text)? where Identifier.isValid(text): partnership = text
        default:
            throw LedgerError(.invalidFormat, "event partnership must be null or an identifier like `ukug-1` ([a-z0-9][a-z0-9._-]{0,63})")
        }
        guard let recordedText = object.recorded?.stringValue, let recorded = Timestamp(parsing: recordedText) else {
            throw LedgerError(.invalidFormat, "event recorded must be an RFC 3339 UTC time like 2026-03-01T09:30:00Z")
        }
        guard let authorText = object.author?.stringValue, let author = KeyID(parsing: authorText) else {
            throw LedgerError(.invalidFormat, "event author must be a key id like ed25519:0123456789abcdef")
        }
        guard case .object(let body)? = object.body else {
            throw LedgerError(.invalidFormat, "event body must be a JSON object")
        }
        var occurred: CalendarDate?
        if let value = object.occurred {
            guard let text = value.stringValue, let date = CalendarDate(parsing: text) else {
                throw LedgerError(.invalidFormat, "event occurred must be a date YYYY-MM-DD")
            }
            occurred = date
        }
        self.init(id: id, type: type, schema: schema, partnership: partnership, recorded: recorded,
                  author: author, body: body, occurred: occurred)
    }

    /// The unknown-member and missing-member errors of ``init(json:)``, in their documented order.
    private static func checkMemberNames(_ object: [String: JSONValue]) throws(LedgerError) {
        for name in object.keys.sorted() where !Event.allowedMembers.contains(name) {
            throw LedgerError(.invalidFormat, "event has unknown member \"\(name)\"; remove it (allowed: \(Event.allowedMembers.sorted().joined(separator: ", ")))")
        }
        for name in Event.requiredMembers.sorted() where object[name] == nil {
            throw LedgerError(.invalidFormat, "event has no \"\(name)\" member; add it (see docs/FORMAT.md)")
        }
    }

    /// The exact bytes an Ed25519 signature covers: `mutual/event/v1\n` then the JCS bytes of the event.
    public var signingBytes: [UInt8] {
        var bytes = Array(EventSignature.domain.utf8)
        json.writeCanonical(into: &bytes)
        return bytes
    }
}
