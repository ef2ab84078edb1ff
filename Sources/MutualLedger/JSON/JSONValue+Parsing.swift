extension JSONValue {
    /// The largest integer magnitude a ledger value may hold: 2^53 − 1, the
    /// range every JSON implementation (including ECMAScript) represents exactly.
    ///
    /// ```swift
    /// JSONValue.maxSafeInteger  // 9007199254740991
    /// ```
    public static let maxSafeInteger: Int64 = 9_007_199_254_740_991

    /// Parses one JSON value from UTF-8 bytes, strictly.
    ///
    /// This is RFC 8259 JSON restricted to what the ledger allows. Whitespace is
    /// allowed between tokens; exactly one top-level value must be present with
    /// nothing after it. Rejected with ``LedgerError/Code/invalidJSON``:
    /// floating-point numbers (any `.`, `e` or `E`), integers outside
    /// ±(2^53 − 1), `-0`, leading zeros, duplicate member names, unpaired
    /// surrogate escapes, invalid UTF-8 (overlong forms, encoded surrogates,
    /// code points above U+10FFFF), raw control characters in strings, a
    /// leading byte order mark and nesting deeper than `maxDepth`.
    ///
    /// Member names are Swift `String`s, which compare by canonical equivalence,
    /// so two names that differ only in Unicode normalization count as duplicates.
    ///
    /// ```swift
    /// let v = try JSONValue(parsing: Array(#"{"beds": 12, "name": "Gulu"}"#.utf8))
    /// v["beds"]?.integerValue  // 12
    /// ```
    ///
    /// - Parameters:
    ///   - bytes: The complete UTF-8 text of the value.
    ///   - maxDepth: How many arrays/objects may be nested inside each other (the
    ///     top-level container counts as depth 1).
    /// - Throws: ``LedgerError`` with code ``LedgerError/Code/invalidJSON`` whose
    ///   message names the problem, its byte offset and the fix.
    public init(parsing bytes: some Collection<UInt8>, maxDepth: Int = 64) throws(LedgerError) {
        let result: Result<JSONValue, LedgerError>
        if let fast = bytes.withContiguousStorageIfAvailable({ JSONValue.parseResult($0, maxDepth: maxDepth) }) {
            result = fast
        } else {
            let copy = Array(bytes)
            result = copy.withUnsafeBufferPointer { JSONValue.parseResult($0, maxDepth: maxDepth) }
        }
        self = try result.get()
    }

    private static func parseResult(_ buffer: UnsafeBufferPointer<UInt8>, maxDepth: Int) -> Result<JSONValue, LedgerError> {
        var parser = StrictJSONParser(bytes: buffer, maxDepth: maxDepth)
        do throws(LedgerError) {
            return .success(try parser.parseDocument())
        } catch {
            return .failure(error)
        }
    }
}

/// A recursive-descent parser over a contiguous UTF-8 buffer.
///
/// Recursion depth is bounded by `maxDepth`, so hostile input cannot exhaust the stack.
/// Not public: use ``JSONValue/init(parsing:maxDepth:)``.
struct StrictJSONParser {
    let bytes: UnsafeBufferPointer<UInt8>
    let maxDepth: Int
    var position = 0
    var depth = 0
    /// Reused for strings that contain escapes.
    var scratch: [UInt8] = []
    /// Canonical mode (``CanonicalJSON/parseCanonicalFast(_:)``): note anything that might not be
    /// RFC 8785 canonical in `notCanonical` instead of re-encoding the value afterwards.
    var canonicalOnly = false
    var notCanonical = false
    /// The byte range of the previous member name of the object being parsed (canonical mode).
    var previousName: Range<Int>?
    /// Canonical mode: the members of the objects being parsed, innermost last (one buffer for
    /// every object, so a dictionary is built once at its final size instead of growing).
    var memberStack: [(name: String, value: JSONValue)] = []

    init(bytes: UnsafeBufferPointer<UInt8>, maxDepth: Int) {
        self.bytes = bytes
        self.maxDepth = maxDepth
    }

    // MARK: Errors

    func failure(_ problem: String, at offset: Int, fix: String) -> LedgerError {
        LedgerError(.invalidJSON, "invalid JSON at byte \(offset): \(problem); \(fix)")
    }

    func describeByte(at offset: Int) -> String {
        guard offset < bytes.count else { return "end of input" }
        let byte = bytes[offset]
        if byte >= 0x21 && byte < 0x7F {
            return "'\(Character(Unicode.Scalar(byte)))'"
        }
        return "byte 0x\(String(byte, radix: 16, uppercase: true))"
    }

    // MARK: Document

    mutating func parseDocument() throws(LedgerError) -> JSONValue {
        if bytes.count >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF {
            throw failure("the input starts with a UTF-8 byte order mark", at: 0,
                          fix: "remove the leading bytes EF BB BF")
        }
        skipWhitespace()
        if position == bytes.count {
            throw failure("the input is empty", at: position, fix: "provide exactly one JSON value")
        }
        let value = try parseValue()
        skipWhitespace()
        if position != bytes.count {
            throw failure("unexpected \(describeByte(at: position)) after the top-level value", at: position,
                          fix: "provide exactly one JSON value with nothing after it")
        }
        return value
    }

    @inline(__always)
    mutating func skipWhitespace() {
        while position < bytes.count {
            switch bytes[position] {
            case 0x20, 0x0A, 0x0D, 0x09:
                position += 1
                notCanonical = canonicalOnly
            default: return
            }
        }
    }

    mutating func parseValue() throws(LedgerError) -> JSONValue {
        guard position < bytes.count else {
            throw failure("unexpected end of input where a value was expected", at: position,
                          fix: "complete the JSON value")
        }
        switch bytes[position] {
        case UInt8(ascii: "{"): return try parseObject()
        case UInt8(ascii: "["): return try parseArray()
        case UInt8(ascii: "\""): return .string(try parseString())
        case UInt8(ascii: "t"): try expectLiteral("true"); return .bool(true)
        case UInt8(ascii: "f"): try expectLiteral("false"); return .bool(false)
        case UInt8(ascii: "n"): try expectLiteral("null"); return .null
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return .integer(try parseInteger())
        default:
            throw failure("unexpected \(describeByte(at: position)) where a value was expected", at: position,
                          fix: "write an object, array, string, integer, true, false or null")
        }
    }

    mutating func expectLiteral(_ literal: StaticString) throws(LedgerError) {
        let start = position
        let count = literal.utf8CodeUnitCount
        let expected = UnsafeBufferPointer(start: literal.utf8Start, count: count)
        guard bytes.count - position >= count else {
            throw failure("truncated literal", at: start, fix: "write exactly `\(literal)`")
        }
        for index in 0..<count where bytes[position + index] != expected[index] {
            throw failure("invalid literal", at: start, fix: "write exactly `\(literal)` in lowercase")
        }
        position += count
    }

    // MARK: Containers

    mutating func enter() throws(LedgerError) {
        depth += 1
        if depth > maxDepth {
            throw failure("nesting is deeper than \(maxDepth) levels", at: position,
                          fix: "flatten the structure to at most \(maxDepth) nested arrays/objects")
        }
    }

    mutating func parseArray() throws(LedgerError) -> JSONValue {
        try enter()
        position += 1  // [
        var elements: [JSONValue] = []
        skipWhitespace()
        if position < bytes.count && bytes[position] == UInt8(ascii: "]") {
            position += 1
            depth -= 1
            return .array(elements)
        }
        while true {
            skipWhitespace()
            elements.append(try parseValue())
            skipWhitespace()
            if try !continueContainer(.array) { return .array(elements) }
        }
    }

    mutating func parseObject() throws(LedgerError) -> JSONValue {
        if canonicalOnly { return try parseCanonicalObject() }
        try enter()
        position += 1  // {
        var members: [String: JSONValue] = [:]
        previousName = nil
        skipWhitespace()
        if position < bytes.count && bytes[position] == UInt8(ascii: "}") {
            position += 1
            depth -= 1
            return .object(members)
        }
        while true {
            skipWhitespace()
            let nameOffset = position
            guard position < bytes.count, bytes[position] == UInt8(ascii: "\"") else {
                throw failure("expected a member name in double quotes but found \(describeByte(at: position))",
                              at: position, fix: "quote every member name and remove trailing commas")
            }
            let name = try parseString()
            if canonicalOnly { checkMemberOrder(nameOffset) }
            skipWhitespace()
            guard position < bytes.count, bytes[position] == UInt8(ascii: ":") else {
                throw failure("expected ':' after a member name but found \(describeByte(at: position))",
                              at: position, fix: "separate each name from its value with ':'")
            }
            position += 1
            skipWhitespace()
            let saved = previousName
            let value = try parseValue()
            previousName = saved
            if members.updateValue(value, forKey: name) != nil {
                throw failure("duplicate member name \"\(name)\"", at: nameOffset,
                              fix: "give every member of an object a distinct name")
            }
            skipWhitespace()
            if try !continueContainer(.object) { return .object(members) }
        }
    }

    /// Canonical mode: the member name just parsed (quoted, at `nameOffset`) must be plain ASCII
    /// without escapes and sort strictly after the previous one (byte order is UTF-16 order for
    /// ASCII); anything else is left to the general check. Nested objects are parsed (and their
    /// names compared) before the next member of this one, so the previous name is reset per object
    /// and restored after a nested value by ``parseObject()``.
    mutating func checkMemberOrder(_ nameOffset: Int) {
        let start = nameOffset + 1, end = position - 1
        var index = start
        while index < end {
            if bytes[index] >= 0x80 || bytes[index] == UInt8(ascii: "\\") {
                notCanonical = true
                return
            }
            index += 1
        }
        if let previous = previousName {
            let left = UnsafeBufferPointer(rebasing: bytes[previous])
            let right = UnsafeBufferPointer(rebasing: bytes[start..<end])
            if !left.lexicographicallyPrecedes(right) { notCanonical = true }
        }
        previousName = start..<end
    }

    // MARK: Numbers

    mutating func parseInteger() throws(LedgerError) -> Int64 {
        let start = position
        var negative = false
        if bytes[position] == UInt8(ascii: "-") {
            negative = true
            position += 1
        }
        let digitsStart = position
        var magnitude: Int64 = 0
        var tooLarge = false
        while position < bytes.count {
            let byte = bytes[position]
            guard byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") else { break }
            if !tooLarge {
                magnitude = magnitude * 10 + Int64(byte - UInt8(ascii: "0"))
                if magnitude > JSONValue.maxSafeInteger { tooLarge = true }
            }
            position += 1
        }
        let digitCount = position - digitsStart
        if position < bytes.count {
            switch bytes[position] {
            case UInt8(ascii: "."), UInt8(ascii: "e"), UInt8(ascii: "E"):
                throw failure("floating-point numbers are not allowed", at: start,
                              fix: "use an integer, or a string such as \"4.50\" for fractional amounts")
            default: break
            }
        }
        if digitCount == 0 {
            throw failure("'-' is not followed by a digit", at: start, fix: "write an integer such as -12")
        }
        if digitCount > 1 && bytes[digitsStart] == UInt8(ascii: "0") {
            throw failure("integer with a leading zero", at: start, fix: "remove the leading zeros")
        }
        if negative && magnitude == 0 {
            throw failure("-0 is not allowed", at: start, fix: "write 0")
        }
        if tooLarge {
            throw failure("integer outside ±(2^53 − 1)", at: start,
                          fix: "keep integers within ±9007199254740991 or write the number as a string")
        }
        return negative ? -magnitude : magnitude
    }
}
