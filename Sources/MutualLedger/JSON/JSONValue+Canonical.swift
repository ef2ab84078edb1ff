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
        output.reserveCapacity(64)
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
            let names = members.keys.sorted { $0.utf16.lexicographicallyPrecedes($1.utf16) }
            for (index, name) in names.enumerated() {
                if index > 0 { output.append(UInt8(ascii: ",")) }
                Self.writeString(name, into: &output)
                output.append(UInt8(ascii: ":"))
                members[name]?.writeCanonical(into: &output)
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

    private static let hexDigits: [UInt8] = Array("0123456789abcdef".utf8)

    private static func writeString(_ text: String, into output: inout [UInt8]) {
        output.append(UInt8(ascii: "\""))
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
        output.append(UInt8(ascii: "\""))
    }
}
