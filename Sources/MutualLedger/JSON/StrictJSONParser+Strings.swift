extension StrictJSONParser {
    /// Parses a string token starting at the opening quote, validating UTF-8 and escapes.
    ///
    /// Strings without escapes are decoded straight from the input buffer;
    /// strings with escapes are assembled in the reusable `scratch` buffer.
    mutating func parseString() throws(LedgerError) -> String {
        let open = position
        position += 1
        let contentStart = position
        skipPlainASCII()
        while position < bytes.count {
            let byte = bytes[position]
            if byte == UInt8(ascii: "\"") {
                let content = UnsafeBufferPointer(rebasing: bytes[contentStart..<position])
                position += 1
                return String(decoding: content, as: UTF8.self)
            } else if byte == UInt8(ascii: "\\") {
                scratch.removeAll(keepingCapacity: true)
                scratch.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[contentStart..<position]))
                return try parseEscapedRemainder(open: open)
            } else if byte < 0x20 {
                throw rawControlFailure(byte)
            } else if byte < 0x80 {
                position += 1
            } else {
                position += try validateUTF8Sequence()
            }
        }
        throw failure("unterminated string", at: open, fix: "close the string with '\"'")
    }

    /// Advances `position` over whole 8-byte words of string content that need no attention
    /// (ASCII from 0x20, not `"`, not `\\`), testing each word at once; the byte loop of
    /// ``parseString()`` then handles the rest exactly as before. The tests below have no false
    /// negatives (a word that holds such a byte is never skipped).
    @inline(__always)
    private mutating func skipPlainASCII() {
        guard let base = bytes.baseAddress else { return }
        let ones: UInt64 = 0x0101_0101_0101_0101
        let highs: UInt64 = 0x8080_8080_8080_8080
        while bytes.count - position >= 8 {
            let word = UnsafeRawPointer(base + position).loadUnaligned(as: UInt64.self)
            let nonASCII = word & highs
            let control = (word &- ones &* 0x20) & ~word & highs           // some byte < 0x20
            let quote = word ^ (ones &* 0x22)
            let backslash = word ^ (ones &* 0x5C)
            let quoteFound = (quote &- ones) & ~quote & highs               // some byte == '"'
            let backslashFound = (backslash &- ones) & ~backslash & highs   // some byte == '\\'
            if nonASCII | control | quoteFound | backslashFound != 0 { return }
            position += 8
        }
    }

    private func rawControlFailure(_ byte: UInt8) -> LedgerError {
        let hex = String(byte, radix: 16)
        let code = hex.count == 1 ? "000" + hex : "00" + hex
        return failure("raw control character 0x\(hex.uppercased()) inside a string", at: position,
                       fix: "escape it as \\u\(code) (or \\n, \\t, ...)")
    }

    /// Continues a string after its first backslash, writing the decoded UTF-8 into `scratch`.
    private mutating func parseEscapedRemainder(open: Int) throws(LedgerError) -> String {
        while position < bytes.count {
            let byte = bytes[position]
            if byte == UInt8(ascii: "\"") {
                position += 1
                return String(decoding: scratch, as: UTF8.self)
            } else if byte == UInt8(ascii: "\\") {
                try parseEscape()
            } else if byte < 0x20 {
                throw rawControlFailure(byte)
            } else if byte < 0x80 {
                scratch.append(byte)
                position += 1
            } else {
                let length = try validateUTF8Sequence()
                scratch.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[position..<(position + length)]))
                position += length
            }
        }
        throw failure("unterminated string", at: open, fix: "close the string with '\"'")
    }

    /// Decodes one escape sequence at `position` (which holds the backslash) into `scratch`.
    private mutating func parseEscape() throws(LedgerError) {
        let start = position
        guard position + 1 < bytes.count else {
            throw failure("unterminated escape sequence", at: start, fix: "complete the escape or close the string")
        }
        let kind = bytes[position + 1]
        position += 2
        switch kind {
        case UInt8(ascii: "\""): scratch.append(0x22)
        case UInt8(ascii: "\\"): scratch.append(0x5C)
        case UInt8(ascii: "/"):
            scratch.append(0x2F)
            notCanonical = true   // RFC 8785 writes "/" unescaped
        case UInt8(ascii: "b"): scratch.append(0x08)
        case UInt8(ascii: "f"): scratch.append(0x0C)
        case UInt8(ascii: "n"): scratch.append(0x0A)
        case UInt8(ascii: "r"): scratch.append(0x0D)
        case UInt8(ascii: "t"): scratch.append(0x09)
        case UInt8(ascii: "u"):
            notCanonical = canonicalOnly   // \u escapes: left to the general check
            let unit = try parseHex4(escapeStart: start)
            var scalarValue = UInt32(unit)
            if unit >= 0xD800 && unit <= 0xDBFF {
                guard position + 1 < bytes.count,
                      bytes[position] == UInt8(ascii: "\\"), bytes[position + 1] == UInt8(ascii: "u") else {
                    throw failure("lone high surrogate escape \\u\(String(unit, radix: 16))", at: start,
                                  fix: "follow it with a low surrogate escape \\udc00–\\udfff or remove it")
                }
                let lowStart = position
                position += 2
                let low = try parseHex4(escapeStart: lowStart)
                guard low >= 0xDC00 && low <= 0xDFFF else {
                    throw failure("high surrogate escape \\u\(String(unit, radix: 16)) is not followed by a low surrogate",
                                  at: start, fix: "pair it with a low surrogate escape \\udc00–\\udfff or remove it")
                }
                scalarValue = 0x10000 + ((UInt32(unit) - 0xD800) << 10) + (UInt32(low) - 0xDC00)
            } else if unit >= 0xDC00 && unit <= 0xDFFF {
                throw failure("lone low surrogate escape \\u\(String(unit, radix: 16))", at: start,
                              fix: "precede it with a high surrogate escape \\ud800–\\udbff or remove it")
            }
            appendUTF8(scalarValue)
        default:
            throw failure("invalid escape sequence \\\(describeByte(at: start + 1))", at: start,
                          fix: "use only \\\" \\\\ \\/ \\b \\f \\n \\r \\t or \\uXXXX")
        }
    }

    private mutating func parseHex4(escapeStart: Int) throws(LedgerError) -> UInt16 {
        guard bytes.count - position >= 4 else {
            throw failure("truncated \\u escape", at: escapeStart, fix: "write exactly four hex digits after \\u")
        }
        var value: UInt16 = 0
        for _ in 0..<4 {
            let byte = bytes[position]
            let digit: UInt8
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = byte - UInt8(ascii: "0")
            case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = byte - UInt8(ascii: "a") + 10
            case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = byte - UInt8(ascii: "A") + 10
            default:
                throw failure("invalid hex digit in \\u escape", at: escapeStart,
                              fix: "write exactly four hex digits after \\u")
            }
            value = value << 4 | UInt16(digit)
            position += 1
        }
        return value
    }

    private mutating func appendUTF8(_ value: UInt32) {
        switch value {
        case 0..<0x80:
            scratch.append(UInt8(value))
        case 0x80..<0x800:
            scratch.append(UInt8(0xC0 | (value >> 6)))
            scratch.append(UInt8(0x80 | (value & 0x3F)))
        case 0x800..<0x10000:
            scratch.append(UInt8(0xE0 | (value >> 12)))
            scratch.append(UInt8(0x80 | ((value >> 6) & 0x3F)))
            scratch.append(UInt8(0x80 | (value & 0x3F)))
        default:
            scratch.append(UInt8(0xF0 | (value >> 18)))
            scratch.append(UInt8(0x80 | ((value >> 12) & 0x3F)))
            scratch.append(UInt8(0x80 | ((value >> 6) & 0x3F)))
            scratch.append(UInt8(0x80 | (value & 0x3F)))
        }
    }

    /// Validates the multi-byte UTF-8 sequence at `position` (Unicode Table 3-7) and returns its length.
    ///
    /// Does not advance `position`.
    private func validateUTF8Sequence() throws(LedgerError) -> Int {
        let lead = bytes[position]
        let length: Int
        var secondLow: UInt8 = 0x80
        var secondHigh: UInt8 = 0xBF
        switch lead {
        case 0xC2...0xDF: length = 2
        case 0xE0: length = 3; secondLow = 0xA0
        case 0xE1...0xEC, 0xEE...0xEF: length = 3
        case 0xED: length = 3; secondHigh = 0x9F
        case 0xF0: length = 4; secondLow = 0x90
        case 0xF1...0xF3: length = 4
        case 0xF4: length = 4; secondHigh = 0x8F
        case 0xC0, 0xC1:
            throw invalidUTF8("overlong encoding (lead byte 0x\(hexByte(lead)))")
        case 0x80...0xBF:
            throw invalidUTF8("unexpected continuation byte 0x\(hexByte(lead))")
        default:
            throw invalidUTF8("byte 0x\(hexByte(lead)) never occurs in UTF-8 (code point above U+10FFFF)")
        }
        guard bytes.count - position >= length else {
            throw invalidUTF8("truncated multi-byte sequence")
        }
        let second = bytes[position + 1]
        if second < secondLow || second > secondHigh {
            if second >= 0x80 && second <= 0xBF {
                switch lead {
                case 0xE0, 0xF0: throw invalidUTF8("overlong encoding")
                case 0xED: throw invalidUTF8("UTF-16 surrogate encoded in UTF-8")
                default: throw invalidUTF8("code point above U+10FFFF")
                }
            }
            throw invalidUTF8("truncated multi-byte sequence")
        }
        for offset in 2..<length where bytes[position + offset] & 0xC0 != 0x80 {
            throw invalidUTF8("truncated multi-byte sequence")
        }
        return length
    }

    private func hexByte(_ byte: UInt8) -> String {
        String(byte, radix: 16, uppercase: true)
    }

    private func invalidUTF8(_ problem: String) -> LedgerError {
        failure("invalid UTF-8: \(problem)", at: position, fix: "re-encode the text as valid UTF-8")
    }
}
