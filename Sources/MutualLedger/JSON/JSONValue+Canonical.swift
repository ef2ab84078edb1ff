extension JSONValue {
    /// The RFC 8785 (JSON Canonicalization Scheme) encoding of this value as UTF-8.
    ///
    /// Object members are sorted by the UTF-16 code units of their names, there is
    /// no whitespace, integers are plain decimal and strings are escaped exactly as
    /// ECMAScript `JSON.stringify` does.
    ///
    /// ```swift
    /// let v: JSONValue = ["b": 1, "a": [true, nil]]
    /// String(decoding: v.canonicalBytes, as: UTF8.self)  // {"a":[true,null],"b":1}
    /// ```
    public var canonicalBytes: [UInt8] {
        var output: [UInt8] = []
        output.reserveCapacity(512)
        writeCanonical(into: &output)
        return output
    }

    /// The RFC 8785 encoding of this value as a `String`.
    ///
    /// ```swift
    /// JSONValue.string("tab\there").canonicalString  // "\"tab\\there\""
    /// ```
    public var canonicalString: String {
        String(decoding: canonicalBytes, as: UTF8.self)
    }

    /// Appends the RFC 8785 encoding of this value to `output`.
    ///
    /// ```swift
    /// var line: [UInt8] = []
    /// JSONValue.integer(-7).writeCanonical(into: &line)
    /// line.append(0x0A)  // "-7\n"
    /// ```
    public func writeCanonical(into output: inout [UInt8]) {
        switch self {
        case .null:
            output.append(contentsOf: [0x6E, 0x75, 0x6C, 0x6C])  // null
        case .bool(true):
            output.append(contentsOf: [0x74, 0x72, 0x75, 0x65])  // true
        case .bool(false):
            output.append(contentsOf: [0x66, 0x61, 0x6C, 0x73, 0x65])  // false
        case .integer(let number):
            Self.writeInteger(number, into: &output)
        case .string(let text):
            Self.writeString(text, into: &output)
        case .array(let elements):
            output.append(UInt8(ascii: "["))
            for (index, element) in elements.enumerated() {
                if index > 0 { output.append(UInt8(ascii: ",")) }
                element.writeCanonical(into: &output)
            }
            output.append(UInt8(ascii: "]"))
        case .object(let members):
            output.append(UInt8(ascii: "{"))
            let sorted = members.sorted { Self.utf16Precedes($0.key, $1.key) }
            for (index, member) in sorted.enumerated() {
                if index > 0 { output.append(UInt8(ascii: ",")) }
                Self.writeString(member.key, into: &output)
                output.append(UInt8(ascii: ":"))
                member.value.writeCanonical(into: &output)
            }
            output.append(UInt8(ascii: "}"))
        }
    }

    private static func writeInteger(_ number: Int64, into output: inout [UInt8]) {
        if number == 0 {
            output.append(UInt8(ascii: "0"))
            return
        }
        if number < 0 { output.append(UInt8(ascii: "-")) }
        var magnitude = number.magnitude
        var digits: (UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8,
                     UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8) =
            (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
        var count = 0
        withUnsafeMutableBytes(of: &digits) { buffer in
            while magnitude > 0 {
                buffer[count] = UInt8(ascii: "0") + UInt8(magnitude % 10)
                magnitude /= 10
                count += 1
            }
            for index in stride(from: count - 1, through: 0, by: -1) {
                output.append(buffer[index])
            }
        }
    }

    /// Whether `lhs` sorts before `rhs` by UTF-16 code units (RFC 8785 §3.2.3), computed on UTF-8.
    ///
    /// UTF-8 byte order is code point order, which matches UTF-16 order except when a
    /// character in U+E000–U+FFFF (lead byte EE/EF) meets a supplementary one (lead F0–F4):
    /// in UTF-16 the supplementary one's surrogates (D800–DFFF) sort first.
    static func utf16Precedes(_ lhs: String, _ rhs: String) -> Bool {
        var left = lhs.utf8.makeIterator()
        var right = rhs.utf8.makeIterator()
        while true {
            guard let a = left.next() else { return right.next() != nil }
            guard let b = right.next() else { return false }
            if a == b { continue }
            if a >= 0xEE && a <= 0xEF && b >= 0xF0 { return false }
            if b >= 0xEE && b <= 0xEF && a >= 0xF0 { return true }
            return a < b
        }
    }

    private static let hexDigits: [UInt8] = Array("0123456789abcdef".utf8)

    private static func writeString(_ text: String, into output: inout [UInt8]) {
        output.append(UInt8(ascii: "\""))
        // Most strings need no escape: copy their UTF-8 in one go.
        let copied = text.utf8.withContiguousStorageIfAvailable { bytes -> Bool in
            guard !bytes.contains(where: { $0 < 0x20 || $0 == 0x22 || $0 == 0x5C }) else { return false }
            output.append(contentsOf: bytes)
            return true
        }
        if copied != true { writeEscaped(text, into: &output) }
        output.append(UInt8(ascii: "\""))
    }

    private static func writeEscaped(_ text: String, into output: inout [UInt8]) {
        for byte in text.utf8 {
            switch byte {
            case 0x22:
                output.append(0x5C); output.append(0x22)
            case 0x5C:
                output.append(0x5C); output.append(0x5C)
            case 0x08:
                output.append(0x5C); output.append(UInt8(ascii: "b"))
            case 0x0C:
                output.append(0x5C); output.append(UInt8(ascii: "f"))
            case 0x0A:
                output.append(0x5C); output.append(UInt8(ascii: "n"))
            case 0x0D:
                output.append(0x5C); output.append(UInt8(ascii: "r"))
            case 0x09:
                output.append(0x5C); output.append(UInt8(ascii: "t"))
            case 0x00..<0x20:
                output.append(contentsOf: [0x5C, UInt8(ascii: "u"), UInt8(ascii: "0"), UInt8(ascii: "0"),
                                           hexDigits[Int(byte >> 4)], hexDigits[Int(byte & 0x0F)]])
            default:
                output.append(byte)
            }
        }
    }
}
