/// Helpers for reading event bodies strictly, with messages that name the type and field.
///
/// ```swift
/// try BodyReader.requireExactly(["actor", "reason"], in: body, type: "actor.revoked")
/// let actor = try BodyReader.identifier("actor", in: body, type: "actor.revoked")
/// ```
public enum BodyReader {
    /// Fails if a required member is missing or an unknown one is present.
    public static func requireExactly(_ required: Set<String>, optional: Set<String> = [], in body: [String: JSONValue], type: String) throws(LedgerError) {
        for name in required.sorted() where body[name] == nil {
            throw LedgerError(.validation, "\(type): missing field \"\(name)\"; add it (see docs/EVENTS.md)")
        }
        for name in body.keys.sorted() where !required.contains(name) && !optional.contains(name) {
            throw LedgerError(.validation, "\(type): unknown field \"\(name)\"; remove it (allowed: \(required.union(optional).sorted().joined(separator: ", ")))")
        }
    }

    /// A required identifier (`[a-z0-9][a-z0-9._-]{0,63}`).
    public static func identifier(_ name: String, in body: [String: JSONValue], type: String) throws(LedgerError) -> String {
        guard let text = body[name]?.stringValue, Identifier.isValid(text) else {
            throw LedgerError(.validation, "\(type): \"\(name)\" must be an identifier like ukug-1 (lowercase letters, digits, . _ -; at most 64)")
        }
        return text
    }

    /// An identifier or null.
    public static func optionalIdentifier(_ name: String, in body: [String: JSONValue], type: String) throws(LedgerError) -> String? {
        if body[name] == nil || body[name] == .null { return nil }
        return try identifier(name, in: body, type: type)
    }

    /// A required non-empty string of at most `maxLength` characters.
    public static func text(_ name: String, in body: [String: JSONValue], type: String, maxLength: Int) throws(LedgerError) -> String {
        guard let text = body[name]?.stringValue, !text.isEmpty, text.count <= maxLength else {
            throw LedgerError(.validation, "\(type): \"\(name)\" must be non-empty text of at most \(maxLength) characters")
        }
        return text
    }
}
