import MutualLedger

/// A ``RecordBodyReader`` over the bytes of a body object inside a line (see ``SpanScanner``).
///
/// ```swift
/// let body = try SpanBodyReader(scanner, object: range)   // range: the body's `{...}`
/// body.string("visit")
/// ```
public struct SpanBodyReader: RecordBodyReader {
    let scanner: SpanScanner
    /// The object's bytes (an empty range when the value is not an object).
    let object: Range<Int>
    /// (key, value) ranges of the object's members, in order; nil for a nested object, whose few
    /// members are scanned again at each lookup rather than indexed (no allocation per element).
    let keys: [Range<Int>]?
    let values: [Range<Int>]?

    /// Indexes the members of the object at `object` (an empty reader when it is not an object).
    public init(_ scanner: SpanScanner, object: Range<Int>) throws(SpanScanner.Unsupported) {
        try self.init(scanner, objectAt: object.lowerBound)
    }

    /// Indexes the object starting at `start` in one pass (an empty reader when there is no
    /// object there); ``end`` is where it ends.
    public init(_ scanner: SpanScanner, objectAt start: Int) throws(SpanScanner.Unsupported) {
        self.scanner = scanner
        var keys: [Range<Int>] = [], values: [Range<Int>] = []
        if scanner.at(start) == UInt8(ascii: "{") {
            keys.reserveCapacity(12)
            values.reserveCapacity(12)
            let end = try scanner.walk(start) { key, valueStart throws(SpanScanner.Unsupported) in
                let valueEnd = try scanner.skipValue(valueStart)
                keys.append(key)
                values.append(valueStart..<valueEnd)
                return valueEnd
            }
            object = start..<end
        } else {
            object = start..<start
        }
        self.keys = keys
        self.values = values
    }

    /// Where the object ends (its start when there was none).
    public var end: Int { object.upperBound }

    /// A reader that scans `object` at each lookup (for the small objects inside arrays).
    init(nested scanner: SpanScanner, object: Range<Int>) {
        self.scanner = scanner
        self.object = scanner.at(object.lowerBound) == UInt8(ascii: "{") ? object : 0..<0
        keys = nil
        values = nil
    }

    func value(_ key: StaticString) -> Range<Int>? {
        if let keys, let values {
            for index in keys.indices where scanner.equals(keys[index], key) { return values[index] }
            return nil
        }
        guard !object.isEmpty else { return nil }
        var found: Range<Int>?
        _ = try? scanner.members(of: object) { name, value in
            if found == nil, scanner.equals(name, key) { found = value }
        }
        return found
    }

    public func string(_ key: StaticString) -> String? { value(key).flatMap(scanner.string) }
    public func int(_ key: StaticString) -> Int? { value(key).flatMap(scanner.int) }
    public func date(_ key: StaticString) -> CalendarDate? { value(key).flatMap(scanner.date) }
    public func bool(_ key: StaticString) -> Bool? { value(key).flatMap(scanner.bool) }

    public func count(_ key: StaticString) -> Int? {
        guard let range = value(key), scanner.at(range.lowerBound) == UInt8(ascii: "[") else { return nil }
        var n = 0
        _ = try? scanner.elements(of: range) { _ in n += 1 }
        return n
    }

    public func strings(_ key: StaticString) -> [String]? {
        guard let range = value(key), scanner.at(range.lowerBound) == UInt8(ascii: "[") else { return nil }
        var out: [String] = []
        _ = try? scanner.elements(of: range) { element in
            if let text = scanner.string(element) { out.append(text) }
        }
        return out
    }

    public func objects(_ key: StaticString) -> [SpanBodyReader]? {
        guard let range = value(key), scanner.at(range.lowerBound) == UInt8(ascii: "[") else { return nil }
        var out: [SpanBodyReader] = []
        _ = try? scanner.elements(of: range) { element in
            out.append(SpanBodyReader(nested: scanner, object: element))
        }
        return out
    }
}
