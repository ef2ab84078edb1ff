/// A value a ``CachedMap`` stores in a ``CacheTable``: written in a compact binary form
/// (docs/PERFORMANCE.md, "Cache table entries") instead of JSON, because the append path
/// writes one per new table entry after every batch.
///
/// Every encoding is at least one byte long (an empty value marks a removed key in a table),
/// and a value must read back equal to what was written.
///
/// ```swift
/// var writer = CacheEntryWriter()
/// "gulu-rrh".writeEntry(to: &writer)
/// var reader = CacheEntryReader(writer.bytes)
/// try String(entry: &reader)        // "gulu-rrh"
/// ```
public protocol CacheEntryValue {
    /// Appends this value's encoding.
    func writeEntry(to writer: inout CacheEntryWriter)
    /// Reads a value written by ``writeEntry(to:)``; throws if the bytes are short or malformed.
    init(entry reader: inout CacheEntryReader) throws(CacheEntryReader.Malformed)
}

extension CacheEntryValue {
    /// The value's whole encoding, as stored in a table.
    public var entryBytes: [UInt8] {
        var writer = CacheEntryWriter()
        writeEntry(to: &writer)
        return writer.bytes
    }

    /// The value encoded in `bytes` (all of them); nil if they are not exactly one value.
    public init?(entryBytes bytes: [UInt8]) {
        var reader = CacheEntryReader(bytes)
        guard let value = try? Self(entry: &reader), reader.isAtEnd else { return nil }
        self = value
    }
}

/// Builds a cache entry: little-endian integers, length-prefixed UTF-8 strings.
///
/// ```swift
/// var writer = CacheEntryWriter()
/// writer.write(UInt32(2))
/// writer.bytes       // [2, 0, 0, 0]
/// ```
public struct CacheEntryWriter: Sendable {
    public private(set) var bytes: [UInt8] = []

    public init() {}

    public mutating func write(_ byte: UInt8) { bytes.append(byte) }

    public mutating func write(_ value: UInt32) {
        for n in 0..<4 { bytes.append(UInt8(truncatingIfNeeded: value >> (8 * UInt32(n)))) }
    }

    public mutating func write(_ value: UInt64) {
        for n in 0..<8 { bytes.append(UInt8(truncatingIfNeeded: value >> (8 * UInt64(n)))) }
    }

    /// A string: its UTF-8 length (u32) and bytes.
    public mutating func write(_ text: String) {
        var text = text
        text.withUTF8 { utf8 in
            write(UInt32(truncatingIfNeeded: utf8.count))
            bytes.append(contentsOf: utf8)
        }
    }

    /// An optional: 0, or 1 and the value.
    public mutating func write<T: CacheEntryValue>(_ value: T?) {
        guard let value else { return write(UInt8(0)) }
        write(UInt8(1))
        value.writeEntry(to: &self)
    }
}

/// Reads a cache entry written by ``CacheEntryWriter``.
///
/// ```swift
/// var reader = CacheEntryReader([2, 0, 0, 0])
/// try reader.readUInt32()   // 2
/// reader.isAtEnd            // true
/// ```
public struct CacheEntryReader {
    /// The entry ends early or holds a byte no writer writes.
    ///
    /// ```swift
    /// var reader = CacheEntryReader([2])
    /// try reader.readBool()   // throws Malformed: a Bool is 0 or 1
    /// ```
    public struct Malformed: Error {
        public init() {}
    }

    let bytes: [UInt8]
    var position = 0

    public init(_ bytes: [UInt8]) { self.bytes = bytes }

    public var isAtEnd: Bool { position == bytes.count }

    public mutating func readByte() throws(Malformed) -> UInt8 {
        guard position < bytes.count else { throw Malformed() }
        defer { position += 1 }
        return bytes[position]
    }

    public mutating func readUInt32() throws(Malformed) -> UInt32 {
        guard bytes.count - position >= 4 else { throw Malformed() }
        var value: UInt32 = 0
        for n in 0..<4 { value |= UInt32(bytes[position + n]) << (8 * UInt32(n)) }
        position += 4
        return value
    }

    public mutating func readUInt64() throws(Malformed) -> UInt64 {
        guard bytes.count - position >= 8 else { throw Malformed() }
        var value: UInt64 = 0
        for n in 0..<8 { value |= UInt64(bytes[position + n]) << (8 * UInt64(n)) }
        position += 8
        return value
    }

    public mutating func readString() throws(Malformed) -> String {
        let count = Int(try readUInt32())
        guard bytes.count - position >= count else { throw Malformed() }
        defer { position += count }
        guard let text = String(validating: bytes[position..<position + count], as: UTF8.self) else { throw Malformed() }
        return text
    }

    /// An optional written by ``CacheEntryWriter/write(_:)-(T?)``.
    public mutating func readOptional<T: CacheEntryValue>(_ type: T.Type) throws(Malformed) -> T? {
        switch try readByte() {
        case 0: return nil
        case 1: return try T(entry: &self)
        default: throw Malformed()
        }
    }

    /// A byte that must be 0 or 1.
    public mutating func readBool() throws(Malformed) -> Bool {
        switch try readByte() {
        case 0: return false
        case 1: return true
        default: throw Malformed()
        }
    }
}
