/// Cache entry encodings of the standard types a rules state keeps in its tables
/// (docs/PERFORMANCE.md, "Cache table entries").
///
/// ```swift
/// Int(3).entryBytes              // [3, 0, 0, 0, 0, 0, 0, 0]
/// ["a"].entryBytes               // [1, 0, 0, 0, 1, 0, 0, 0, 97]
/// ```
extension Int: CacheEntryValue {
    /// Eight bytes, two's complement, little-endian.
    public func writeEntry(to writer: inout CacheEntryWriter) { writer.write(UInt64(bitPattern: Int64(self))) }

    public init(entry reader: inout CacheEntryReader) throws(CacheEntryReader.Malformed) {
        self = Int(truncatingIfNeeded: Int64(bitPattern: try reader.readUInt64()))
    }
}

extension Bool: CacheEntryValue {
    /// One byte, 0 or 1.
    public func writeEntry(to writer: inout CacheEntryWriter) { writer.write(self ? UInt8(1) : UInt8(0)) }

    public init(entry reader: inout CacheEntryReader) throws(CacheEntryReader.Malformed) {
        self = try reader.readBool()
    }
}

extension String: CacheEntryValue {
    /// The UTF-8 length (u32, little-endian), then the UTF-8 bytes.
    public func writeEntry(to writer: inout CacheEntryWriter) { writer.write(self) }

    public init(entry reader: inout CacheEntryReader) throws(CacheEntryReader.Malformed) {
        self = try reader.readString()
    }
}

extension Array: CacheEntryValue where Element: CacheEntryValue {
    /// The element count (u32, little-endian), then each element.
    public func writeEntry(to writer: inout CacheEntryWriter) {
        writer.write(UInt32(truncatingIfNeeded: count))
        for element in self { element.writeEntry(to: &writer) }
    }

    public init(entry reader: inout CacheEntryReader) throws(CacheEntryReader.Malformed) {
        let count = Int(try reader.readUInt32())
        var elements: [Element] = []
        elements.reserveCapacity(Swift.min(count, 1024))
        for _ in 0..<count { elements.append(try Element(entry: &reader)) }
        self = elements
    }
}

extension CompactEventID: CacheEntryValue {
    /// 0 and the 16 bytes (high then low 64 bits, each little-endian) of a canonical id;
    /// 1 and the text (as a string) otherwise.
    public func writeEntry(to writer: inout CacheEntryWriter) {
        switch self {
        case .bits(let bits):
            writer.write(UInt8(0))
            writer.write(bits.high)
            writer.write(bits.low)
        case .text(let text):
            writer.write(UInt8(1))
            writer.write(text)
        }
    }

    public init(entry reader: inout CacheEntryReader) throws(CacheEntryReader.Malformed) {
        switch try reader.readByte() {
        case 0:
            let high = try reader.readUInt64()
            self = .bits(EventIDBits(high: high, low: try reader.readUInt64()))
        case 1:
            self = .text(try reader.readString())
        default:
            throw CacheEntryReader.Malformed()
        }
    }
}

extension CalendarDate: CacheEntryValue {
    /// Days since 1970-01-01, eight bytes, two's complement, little-endian.
    public func writeEntry(to writer: inout CacheEntryWriter) { writer.write(UInt64(bitPattern: daysSinceEpoch)) }

    public init(entry reader: inout CacheEntryReader) throws(CacheEntryReader.Malformed) {
        self.init(daysSinceEpoch: Int64(bitPattern: try reader.readUInt64()))
    }
}
