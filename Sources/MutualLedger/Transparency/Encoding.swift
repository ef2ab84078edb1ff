import Foundation

/// Standard, padded base64 (RFC 4648 §4, https://www.rfc-editor.org/rfc/rfc4648#section-4),
/// decoded strictly: only the one canonical spelling of a byte string is accepted
/// (no whitespace, no missing padding, no stray bits in the last character).
///
/// ```swift
/// Base64.decode("AQI=")   // [1, 2]
/// Base64.decode("AQJ=")   // nil: non-zero padding bits
/// ```
enum Base64 {
    static func encode(_ bytes: some Sequence<UInt8>) -> String {
        Data(bytes).base64EncodedString()
    }

    static func decode(_ text: some StringProtocol) -> [UInt8]? {
        let string = String(text)
        guard let data = Data(base64Encoded: string) else { return nil }
        // Round-trip check rejects every non-canonical spelling Foundation tolerates.
        guard data.base64EncodedString() == string else { return nil }
        return Array(data)
    }
}

/// Lowercase hexadecimal.
///
/// ```swift
/// Hex.encode([0xc7, 0x4f])   // "c74f"
/// ```
enum Hex {
    private static let digits = Array("0123456789abcdef".utf8)

    static func encode(_ bytes: some Sequence<UInt8>) -> String {
        var out: [UInt8] = []
        for b in bytes {
            out.append(digits[Int(b >> 4)])
            out.append(digits[Int(b & 0x0f)])
        }
        return String(decoding: out, as: UTF8.self)
    }

    static func decode(_ text: some StringProtocol) -> [UInt8]? {
        let chars = Array(text.utf8)
        guard chars.count % 2 == 0 else { return nil }
        var out: [UInt8] = []
        out.reserveCapacity(chars.count / 2)
        var i = 0
        while i < chars.count {
            guard let hi = value(chars[i]), let lo = value(chars[i + 1]) else { return nil }
            out.append(hi << 4 | lo)
            i += 2
        }
        return out
    }

    private static func value(_ c: UInt8) -> UInt8? {
        switch c {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): return c - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): return c - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): return c - UInt8(ascii: "A") + 10
        default: return nil
        }
    }
}
