/// Reading the canonical text of an event id (8-4-4-4-12 lowercase hex digits) into its bits by
/// table: one load and one test per digit, for the id of every line `verify` reads.
///
/// ```swift
/// let text = Array("7f0c2a9e-3b1d-4c55-9a0e-2f6d8b1c4e77".utf8)
/// text.withUnsafeBufferPointer { EventIDBits.canonical($0) }   // EventIDBits(canonical:) of the same text
/// ```
extension EventIDBits {
    /// The bits of `bytes` if they are exactly a canonical event id; nil otherwise.
    @usableFromInline
    static func canonical(_ bytes: UnsafeBufferPointer<UInt8>) -> EventIDBits? {
        guard bytes.count == 36, bytes[8] == 0x2d, bytes[13] == 0x2d, bytes[18] == 0x2d, bytes[23] == 0x2d else { return nil }
        var high: UInt64 = 0, low: UInt64 = 0
        var invalid: UInt8 = 0
        hexDigitTable.withUnsafeBufferPointer { table in
            // Digits 0-15 (text 0-7, 9-12, 14-17) go to `high`, 16-31 (19-22, 24-35) to `low`.
            for index in 0..<18 where index != 8 && index != 13 {
                let value = table[Int(bytes[index])]
                invalid |= value
                high = high << 4 | UInt64(value & 0x0f)
            }
            for index in 19..<36 where index != 23 {
                let value = table[Int(bytes[index])]
                invalid |= value
                low = low << 4 | UInt64(value & 0x0f)
            }
        }
        return invalid & 0xf0 == 0 ? EventIDBits(high: high, low: low) : nil
    }

    /// The value of each lowercase hex digit; 0xff for every other byte.
    @usableFromInline
    static let hexDigitTable: [UInt8] = (0...255).map { byte in
        switch byte {
        case 0x30...0x39: UInt8(byte - 0x30)
        case 0x61...0x66: UInt8(byte - 0x61 + 10)
        default: 0xff
        }
    }
}
