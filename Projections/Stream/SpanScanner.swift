import MutualLedger

/// Walks the bytes of one canonical JSON line (RFC 8785, as Mutual writes it) without building a
/// tree: objects, arrays, strings, integers and literals are found as byte ranges.
///
/// It reads only the simple form every Mutual writer produces: no whitespace, no string escapes
/// (`\`), integers only. Anything else throws ``SpanScanner/Unsupported`` and the caller falls
/// back to the strict parser, which either reads the line or reports why it is invalid.
///
/// ```swift
/// let scanner = SpanScanner(bytes)                 // bytes: UnsafeRawBufferPointer of one line
/// try scanner.members(of: 0..<bytes.count) { key, value in
///     if scanner.equals(key, "seq") { seq = scanner.int(value) }
/// }
/// ```
public struct SpanScanner {
    /// The line is valid JSON this scanner does not read (an escape, a fraction); use the strict parser.
    ///
    /// ```swift
    /// do { _ = try scanner.skipValue(0) } catch { /* Unsupported: fall back */ }
    /// ```
    public struct Unsupported: Error {}

    public let bytes: UnsafeRawBufferPointer

    public init(_ bytes: UnsafeRawBufferPointer) { self.bytes = bytes }

    /// The byte at `index` (0 past the end).
    @inline(__always) func at(_ index: Int) -> UInt8 { index < bytes.count ? bytes[index] : 0 }

    /// The end of the value starting at `start`.
    public func skipValue(_ start: Int) throws(Unsupported) -> Int {
        switch at(start) {
        case UInt8(ascii: "\""):
            var i = start + 1
            // Eight bytes at a time while none is a quote, a backslash or a control character.
            if let base = bytes.baseAddress {
                while i + 8 <= bytes.count {
                    let word = base.loadUnaligned(fromByteOffset: i, as: UInt64.self)
                    let quote = word ^ 0x2222_2222_2222_2222, slash = word ^ 0x5C5C_5C5C_5C5C_5C5C
                    let special = ((quote &- 0x0101_0101_0101_0101) & ~quote) | ((slash &- 0x0101_0101_0101_0101) & ~slash)
                        | ((word &- 0x2020_2020_2020_2020) & ~word)
                    if special & 0x8080_8080_8080_8080 != 0 { break }
                    i += 8
                }
            }
            while i < bytes.count {
                let byte = bytes[i]
                if byte == UInt8(ascii: "\"") { return i + 1 }
                if byte == UInt8(ascii: "\\") || byte < 0x20 { throw Unsupported() }
                i += 1
            }
            throw Unsupported()
        case UInt8(ascii: "{"):
            return try members(of: start..<bytes.count) { _, _ in }
        case UInt8(ascii: "["):
            return try elements(of: start..<bytes.count) { _ in }
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"):
            var i = start + (at(start) == UInt8(ascii: "-") ? 1 : 0)
            let first = i
            while case UInt8(ascii: "0")...UInt8(ascii: "9") = at(i) { i += 1 }
            // At most 15 digits (always within ±(2^53 − 1)); no leading zero, no -0.
            if i == first || i - first > 15 || (at(first) == UInt8(ascii: "0") && (i - first > 1 || first > start)) {
                throw Unsupported()
            }
            switch at(i) {
            case UInt8(ascii: "."), UInt8(ascii: "e"), UInt8(ascii: "E"): throw Unsupported()
            default: return i
            }
        case UInt8(ascii: "t"): return try literal(start, "true")
        case UInt8(ascii: "f"): return try literal(start, "false")
        case UInt8(ascii: "n"): return try literal(start, "null")
        default: throw Unsupported()
        }
    }

    private func literal(_ start: Int, _ word: StaticString) throws(Unsupported) -> Int {
        let count = word.utf8CodeUnitCount
        guard start + count <= bytes.count else { throw Unsupported() }
        let base = word.utf8Start
        for k in 0..<count where bytes[start + k] != base[k] { throw Unsupported() }
        return start + count
    }

    /// Calls `body(key, value)` for each member of the object starting at `range.lowerBound`
    /// (key without its quotes); members must come in strictly increasing key order. Returns the end.
    @discardableResult
    public func members(of range: Range<Int>, _ body: (Range<Int>, Range<Int>) throws(Unsupported) -> Void) throws(Unsupported) -> Int {
        try walk(range.lowerBound) { key, start throws(Unsupported) in
            let end = try skipValue(start)
            try body(key, start..<end)
            return end
        }
    }

    /// The object starting at `start`, member by member: `value(key, valueStart)` reads (or skips)
    /// the value and returns where it ends. Returns the end of the object.
    @discardableResult
    public func walk(_ start: Int, _ value: (Range<Int>, Int) throws(Unsupported) -> Int) throws(Unsupported) -> Int {
        var i = start
        guard at(i) == UInt8(ascii: "{") else { throw Unsupported() }
        i += 1
        if at(i) == UInt8(ascii: "}") { return i + 1 }
        var previous: Range<Int>?
        while true {
            guard at(i) == UInt8(ascii: "\"") else { throw Unsupported() }
            let keyEnd = try skipValue(i)
            let key = (i + 1)..<(keyEnd - 1)
            if let previous, !isLess(previous, key) { throw Unsupported() }
            previous = key
            guard at(keyEnd) == UInt8(ascii: ":") else { throw Unsupported() }
            let valueEnd = try value(key, keyEnd + 1)
            switch at(valueEnd) {
            case UInt8(ascii: ","): i = valueEnd + 1
            case UInt8(ascii: "}"): return valueEnd + 1
            default: throw Unsupported()
            }
        }
    }

    /// Calls `body(value)` for each element of the array starting at `range.lowerBound`. Returns the end.
    @discardableResult
    public func elements(of range: Range<Int>, _ body: (Range<Int>) throws(Unsupported) -> Void) throws(Unsupported) -> Int {
        var i = range.lowerBound
        guard at(i) == UInt8(ascii: "[") else { throw Unsupported() }
        i += 1
        if at(i) == UInt8(ascii: "]") { return i + 1 }
        while true {
            let end = try skipValue(i)
            try body(i..<end)
            switch at(end) {
            case UInt8(ascii: ","): i = end + 1
            case UInt8(ascii: "]"): return end + 1
            default: throw Unsupported()
            }
        }
    }

    /// Byte-wise order of two keys. Canonical order is by UTF-16 code units; for the ASCII member
    /// names Mutual writes the two agree, and a non-ASCII key is left to the strict parser.
    private func isLess(_ a: Range<Int>, _ b: Range<Int>) -> Bool {
        let n = min(a.count, b.count)
        for k in 0..<n {
            let x = bytes[a.lowerBound + k], y = bytes[b.lowerBound + k]
            if x >= 0x80 || y >= 0x80 { return false }
            if x != y { return x < y }
        }
        return a.count < b.count
    }

    /// Whether the bytes of `range` are exactly `text`.
    public func equals(_ range: Range<Int>, _ text: StaticString) -> Bool {
        let count = text.utf8CodeUnitCount
        guard range.count == count else { return false }
        let base = text.utf8Start
        for k in 0..<count where bytes[range.lowerBound + k] != base[k] { return false }
        return true
    }

    /// The string a value range holds (nil when it is not a string).
    public func string(_ value: Range<Int>) -> String? {
        guard value.count >= 2, bytes[value.lowerBound] == UInt8(ascii: "\"") else { return nil }
        return String(decoding: UnsafeRawBufferPointer(rebasing: bytes[(value.lowerBound + 1)..<(value.upperBound - 1)]), as: UTF8.self)
    }

    /// The integer a value range holds (nil when it is not an integer).
    public func int(_ value: Range<Int>) -> Int? {
        var i = value.lowerBound
        let negative = at(i) == UInt8(ascii: "-")
        if negative { i += 1 }
        guard i < value.upperBound, case UInt8(ascii: "0")...UInt8(ascii: "9") = bytes[i] else { return nil }
        var number = 0
        while i < value.upperBound {
            number = number * 10 + Int(bytes[i] - UInt8(ascii: "0"))
            i += 1
        }
        return negative ? -number : number
    }

    /// The Boolean a value range holds (nil when it is not `true` or `false`).
    public func bool(_ value: Range<Int>) -> Bool? {
        if equals(value, "true") { return true }
        if equals(value, "false") { return false }
        return nil
    }

    /// The date a value range holds as a `"YYYY-MM-DD"` string, exactly as `CalendarDate(parsing:)`
    /// reads it (nil for anything else).
    public func date(_ value: Range<Int>) -> CalendarDate? {
        guard value.count == 12, bytes[value.lowerBound] == UInt8(ascii: "\""), bytes[value.lowerBound + 5] == UInt8(ascii: "-"),
              bytes[value.lowerBound + 8] == UInt8(ascii: "-") else { return nil }
        func number(_ from: Int, _ count: Int) -> Int? {
            var n = 0
            for k in 0..<count {
                let digit = bytes[value.lowerBound + from + k] &- UInt8(ascii: "0")
                guard digit <= 9 else { return nil }
                n = n * 10 + Int(digit)
            }
            return n
        }
        guard let year = number(1, 4), year >= 1970, let month = number(6, 2), (1...12).contains(month),
              let day = number(9, 2), day >= 1 else { return nil }
        let leap = year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)
        let lengths = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]
        guard day <= lengths[month - 1] else { return nil }
        return CalendarDate(year: year, month: month, day: day)
    }

    /// Whether the value range is `null`.
    public func isNull(_ value: Range<Int>) -> Bool { equals(value, "null") }
}
