/// An event id (a lowercase UUID) as 16 bytes, so that a million of them fit in a small table.
///
/// ```swift
/// let key = EventKey("7f0c2a9e-3b1d-4c55-9a0e-2f6d8b1c4e77")
/// key?.text   // "7f0c2a9e-3b1d-4c55-9a0e-2f6d8b1c4e77"
/// ```
public struct EventKey: Sendable, Hashable {
    public var high: UInt64
    public var low: UInt64

    public init(high: UInt64, low: UInt64) {
        self.high = high
        self.low = low
    }

    /// Parses the lowercase 8-4-4-4-12 form; nil for anything else.
    public init?(_ text: String) {
        var text = text
        guard let key = text.withUTF8({ Self.parse(UnsafeRawBufferPointer($0)) }) else { return nil }
        self = key
    }

    /// Parses the lowercase 8-4-4-4-12 form from bytes; nil for anything else.
    public static func parse(_ bytes: UnsafeRawBufferPointer) -> EventKey? {
        guard bytes.count == 36 else { return nil }
        var high: UInt64 = 0, low: UInt64 = 0
        var nibbles = 0
        for index in 0..<36 {
            let byte = bytes[index]
            if index == 8 || index == 13 || index == 18 || index == 23 {
                guard byte == UInt8(ascii: "-") else { return nil }
                continue
            }
            let value: UInt8
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): value = byte - UInt8(ascii: "0")
            case UInt8(ascii: "a")...UInt8(ascii: "f"): value = byte - UInt8(ascii: "a") + 10
            default: return nil
            }
            if nibbles < 16 { high = high << 4 | UInt64(value) } else { low = low << 4 | UInt64(value) }
            nibbles += 1
        }
        return EventKey(high: high, low: low)
    }

    /// The lowercase 8-4-4-4-12 text.
    public var text: String {
        let digits = Array("0123456789abcdef".utf8)
        var out: [UInt8] = []
        out.reserveCapacity(36)
        for nibble in 0..<32 {
            if nibble == 8 || nibble == 12 || nibble == 16 || nibble == 20 { out.append(UInt8(ascii: "-")) }
            let word = nibble < 16 ? high : low
            let shift = UInt64(60 - 4 * (nibble % 16))
            out.append(digits[Int((word >> shift) & 0xf)])
        }
        return String(decoding: out, as: UTF8.self)
    }
}
