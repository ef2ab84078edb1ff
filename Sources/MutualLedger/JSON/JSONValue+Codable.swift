import Foundation

extension JSONValue {
    /// Converts any `Encodable` value into a ``JSONValue``.
    ///
    /// The value is encoded straight into the ``JSONValue`` tree (not through
    /// `JSONEncoder` text, which would write `1.0` as `1` and hide the float), so
    /// every `Double`/`Float` is rejected and integers must stay within ±(2^53 − 1).
    /// `nil` optionals are omitted, as `JSONEncoder` does.
    ///
    /// ```swift
    /// struct Room: Codable { var name: String; var beds: Int }
    /// let v = try JSONValue(encoding: Room(name: "Gulu", beds: 12))
    /// v.canonicalString  // {"beds":12,"name":"Gulu"}
    /// ```
    ///
    /// - Throws: ``LedgerError`` with ``LedgerError/Code/invalidJSON`` naming the field path.
    public init(encoding value: some Encodable) throws(LedgerError) {
        do {
            self = try JSONValueEncoder.encode(value)
        } catch let error as LedgerError {
            throw error
        } catch {
            throw LedgerError(.invalidJSON, "cannot encode the value as JSON: \(Self.oneLine(error)); "
                + "fix its Encodable conformance", underlying: error)
        }
    }

    /// Decodes a `Decodable` type from this value (its canonical bytes, through `JSONDecoder`).
    ///
    /// ```swift
    /// struct Room: Codable { var name: String; var beds: Int }
    /// let room = try JSONValue(["name": "Gulu", "beds": 12]).decode(Room.self)
    /// // A mismatch throws e.g. `field "beds": expected an integer; ...`
    /// ```
    ///
    /// - Throws: ``LedgerError`` with ``LedgerError/Code/invalidJSON`` whose one-line
    ///   message names the missing or mistyped field path.
    public func decode<T: Decodable>(_ type: T.Type) throws(LedgerError) -> T {
        do {
            return try JSONDecoder().decode(type, from: Data(canonicalBytes))
        } catch let error as LedgerError {
            throw error
        } catch let error as DecodingError {
            throw LedgerError(.invalidJSON, Self.describe(error, decoding: type), underlying: error)
        } catch {
            throw LedgerError(.invalidJSON, "cannot decode \(type): \(Self.oneLine(error))", underlying: error)
        }
    }

    private static func describe(_ error: DecodingError, decoding type: Any.Type) -> String {
        switch error {
        case .keyNotFound(let key, let context):
            let path = JSONValueEncoder.pathString(context.codingPath + [key])
            return "field \"\(path)\": missing; add it to the \(type) value"
        case .valueNotFound(let expected, let context):
            let path = JSONValueEncoder.pathString(context.codingPath)
            return "field \"\(path)\": expected \(typeName(expected)) but found null; supply a value"
        case .typeMismatch(let expected, let context):
            let path = JSONValueEncoder.pathString(context.codingPath)
            return "field \"\(path)\": expected \(typeName(expected)); correct its type"
        case .dataCorrupted(let context):
            let path = JSONValueEncoder.pathString(context.codingPath)
            return "field \"\(path)\": \(oneLine(context.debugDescription)); correct its value"
        @unknown default:
            return "cannot decode \(type): \(oneLine(error))"
        }
    }

    private static func typeName(_ type: Any.Type) -> String {
        switch type {
        case is String.Type, is Substring.Type: return "a string"
        case is Bool.Type: return "a boolean"
        case is any BinaryInteger.Type: return "an integer"
        case is any BinaryFloatingPoint.Type: return "a number"
        default:
            let name = String(describing: type)
            if name.hasPrefix("Array<") || name.hasPrefix("[") && !name.contains(":") { return "an array" }
            if name.hasPrefix("Dictionary<") || name.hasPrefix("[") { return "an object" }
            return "a value of type \(name)"
        }
    }

    static func oneLine(_ value: Any) -> String {
        String(describing: value).split(whereSeparator: \.isNewline).joined(separator: " ")
    }
}

extension JSONValue: Codable {
    /// Encodes the value through a single value container.
    ///
    /// ```swift
    /// let data = try JSONEncoder().encode(JSONValue(["a": 1]))  // {"a":1}
    /// ```
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        switch self {
        case .null: try container.encodeNil()
        case .bool(let flag): try container.encode(flag)
        case .integer(let number): try container.encode(number)
        case .string(let text): try container.encode(text)
        case .array(let elements): try container.encode(elements)
        case .object(let members): try container.encode(members)
        }
    }

    /// Decodes any JSON value through a single value container; a number must be an
    /// exact integer within ±(2^53 − 1).
    ///
    /// ```swift
    /// let v = try JSONDecoder().decode(JSONValue.self, from: Data("[1,\"a\"]".utf8))
    /// ```
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if container.decodeNil() {
            self = .null
        } else if let flag = try? container.decode(Bool.self) {
            self = .bool(flag)
        } else if let number = try? container.decode(Int64.self) {
            guard number.magnitude <= JSONValue.maxSafeInteger.magnitude else {
                throw Self.decodingFailure(decoder, "integer \(number) is outside ±(2^53 − 1); store it as a string")
            }
            self = .integer(number)
        } else if let text = try? container.decode(String.self) {
            self = .string(text)
        } else if let elements = try? container.decode([JSONValue].self) {
            self = .array(elements)
        } else if let members = try? container.decode([String: JSONValue].self) {
            self = .object(members)
        } else if let number = try? container.decode(Double.self) {
            guard let exact = Int64(exactly: number), exact.magnitude <= JSONValue.maxSafeInteger.magnitude else {
                throw Self.decodingFailure(decoder, "floating-point number \(number) is not allowed; "
                    + "use an integer or a string")
            }
            self = .integer(exact)
        } else {
            throw Self.decodingFailure(decoder, "not a JSON value; provide null, a boolean, integer, string, array or object")
        }
    }

    private static func decodingFailure(_ decoder: any Decoder, _ problem: String) -> LedgerError {
        LedgerError(.invalidJSON, "field \"\(JSONValueEncoder.pathString(decoder.codingPath))\": \(problem)")
    }
}
