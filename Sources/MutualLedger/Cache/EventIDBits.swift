/// The 128 bits of an event id (lowercase RFC 4122 UUID text), kept as two integers instead of
/// a 36-byte string on the heap.
///
/// ```swift
/// let bits = EventIDBits(canonical: "7f0c2a9e-3b1d-4c55-9a0e-2f6d8b1c4e77")
/// bits?.text    // "7f0c2a9e-3b1d-4c55-9a0e-2f6d8b1c4e77"
/// EventIDBits(canonical: "7F0C2A9E-3B1D-4C55-9A0E-2F6D8B1C4E77")   // nil: not canonical
/// ```
public struct EventIDBits: Hashable, Sendable {
    public var high: UInt64
    public var low: UInt64

    @inlinable public init(high: UInt64, low: UInt64) {
        self.high = high
        self.low = low
    }

    /// The bits of `text` if it is exactly a canonical event id (``EventID/isValid(_:)``), so
    /// that ``text`` gives `text` back.
    @inlinable public init?(canonical text: String) {
        // The text's UTF-8 storage read in place: iterating a `String.UTF8View` byte by byte was
        // most of this initializer's time, and `verify` runs it for every line.
        guard let bits = text.utf8.withContiguousStorageIfAvailable({ Self.canonical($0) }) ?? Self.parse(Array(text.utf8)) else { return nil }
        self = bits
    }

    @inlinable static func parse(_ bytes: some Collection<UInt8>) -> EventIDBits? {
        var high: UInt64 = 0, low: UInt64 = 0
        var index = 0, digits = 0
        for c in bytes {
            defer { index += 1 }
            if index == 8 || index == 13 || index == 18 || index == 23 {
                guard c == UInt8(ascii: "-") else { return nil }
                continue
            }
            guard let value = Self.hexValue(c), digits < 32 else { return nil }
            if digits < 16 { high = high << 4 | value } else { low = low << 4 | value }
            digits += 1
        }
        guard index == 36, digits == 32 else { return nil }
        return EventIDBits(high: high, low: low)
    }

    /// The canonical text: 32 lowercase hex digits grouped 8-4-4-4-12.
    public var text: String { String(decoding: textBytes, as: UTF8.self) }

    /// The UTF-8 bytes of ``text``.
    public var textBytes: [UInt8] {
        let digits = Array("0123456789abcdef".utf8)
        var bytes = [UInt8](repeating: UInt8(ascii: "-"), count: 36)
        var out = 0
        for n in 0..<32 {
            if out == 8 || out == 13 || out == 18 || out == 23 { out += 1 }
            let word = n < 16 ? high : low
            let shift = UInt64(60 - 4 * (n % 16))
            bytes[out] = digits[Int((word >> shift) & 0xf)]
            out += 1
        }
        return bytes
    }

    @inlinable static func hexValue(_ c: UInt8) -> UInt64? {
        switch c {
        case 0x30...0x39: return UInt64(c - 0x30)
        case 0x61...0x66: return UInt64(c - 0x61 + 10)
        default: return nil
        }
    }
}
