/// A JSON value restricted to what Mutual's ledger format allows:
/// no floating-point numbers, integers within ±(2^53 − 1), strings of valid Unicode scalars.
///
/// Objects are unordered here; ``canonicalBytes`` writes them in RFC 8785 order.
///
/// ```swift
/// let v: JSONValue = .object(["name": .string("Gulu"), "beds": .integer(12)])
/// String(decoding: v.canonicalBytes, as: UTF8.self)  // {"beds":12,"name":"Gulu"}
/// ```
public enum JSONValue: Sendable, Hashable {
    case null
    case bool(Bool)
    case integer(Int64)
    case string(String)
    case array([JSONValue])
    case object([String: JSONValue])
}
