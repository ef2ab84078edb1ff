extension JSONValue {
    /// The member named `key` when this value is an object, else `nil`.
    ///
    /// ```swift
    /// let v: JSONValue = ["name": "Gulu"]
    /// v["name"]?.stringValue  // "Gulu"
    /// JSONValue.integer(1)["name"]  // nil
    /// ```
    public subscript(key: String) -> JSONValue? {
        guard case .object(let members) = self else { return nil }
        return members[key]
    }

    /// The string when this value is a string, else `nil`.
    ///
    /// ```swift
    /// JSONValue.string("a").stringValue  // "a"
    /// ```
    public var stringValue: String? {
        guard case .string(let text) = self else { return nil }
        return text
    }

    /// The integer when this value is an integer, else `nil`.
    ///
    /// ```swift
    /// JSONValue.integer(12).integerValue  // 12
    /// ```
    public var integerValue: Int64? {
        guard case .integer(let number) = self else { return nil }
        return number
    }

    /// The integer as `Int` when this value is an integer that fits, else `nil`.
    ///
    /// ```swift
    /// JSONValue.integer(12).intValue  // 12
    /// ```
    public var intValue: Int? {
        guard case .integer(let number) = self else { return nil }
        return Int(exactly: number)
    }

    /// The Boolean when this value is `true` or `false`, else `nil`.
    ///
    /// ```swift
    /// JSONValue.bool(true).boolValue  // true
    /// ```
    public var boolValue: Bool? {
        guard case .bool(let flag) = self else { return nil }
        return flag
    }

    /// The elements when this value is an array, else `nil`.
    ///
    /// ```swift
    /// JSONValue.array([1, 2]).arrayValue?.count  // 2
    /// ```
    public var arrayValue: [JSONValue]? {
        guard case .array(let elements) = self else { return nil }
        return elements
    }

    /// The members when this value is an object, else `nil`.
    ///
    /// ```swift
    /// JSONValue.object(["a": 1]).objectValue?.keys.sorted()  // ["a"]
    /// ```
    public var objectValue: [String: JSONValue]? {
        guard case .object(let members) = self else { return nil }
        return members
    }

    /// Whether this value is `null`.
    ///
    /// ```swift
    /// JSONValue.null.isNull  // true
    /// ```
    public var isNull: Bool {
        if case .null = self { return true }
        return false
    }
}

/// ```swift
/// let name: JSONValue = "Gulu"  // .string("Gulu")
/// ```
extension JSONValue: ExpressibleByStringLiteral {
    /// Creates a `.string` from a literal.
    public init(stringLiteral value: String) {
        self = .string(value)
    }
}

/// ```swift
/// let beds: JSONValue = 12  // .integer(12)
/// ```
extension JSONValue: ExpressibleByIntegerLiteral {
    /// Creates an `.integer` from a literal. Keep literals within ±(2^53 − 1): larger
    /// values are representable here but the parser rejects them on the way back in.
    public init(integerLiteral value: Int64) {
        self = .integer(value)
    }
}

/// ```swift
/// let open: JSONValue = true  // .bool(true)
/// ```
extension JSONValue: ExpressibleByBooleanLiteral {
    /// Creates a `.bool` from a literal.
    public init(booleanLiteral value: Bool) {
        self = .bool(value)
    }
}

/// ```swift
/// let list: JSONValue = [1, "two", nil]  // .array([.integer(1), .string("two"), .null])
/// ```
extension JSONValue: ExpressibleByArrayLiteral {
    /// Creates an `.array` from a literal.
    public init(arrayLiteral elements: JSONValue...) {
        self = .array(elements)
    }
}

/// ```swift
/// let object: JSONValue = ["name": "Gulu", "beds": 12]
/// ```
extension JSONValue: ExpressibleByDictionaryLiteral {
    /// Creates an `.object` from a literal; if a name repeats, the last value wins.
    public init(dictionaryLiteral elements: (String, JSONValue)...) {
        self = .object(Dictionary(elements, uniquingKeysWith: { _, last in last }))
    }
}

/// ```swift
/// let nothing: JSONValue = nil  // .null
/// ```
extension JSONValue: ExpressibleByNilLiteral {
    /// Creates `.null` from `nil`.
    public init(nilLiteral: ()) {
        self = .null
    }
}
