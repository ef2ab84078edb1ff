/// Reader for what ``SnapshotWriter`` wrote; every read is bounds-checked and throws
/// ``SnapshotReader/Malformed`` past the end or on a value out of range.
///
/// ```swift
/// var input = SnapshotReader(bytes)
/// let count = try input.u64()
/// ```
public struct SnapshotReader {
    /// The snapshot is not one this version wrote (or it was cut short or edited).
    ///
    /// ```swift
    /// let snapshot = try? RecordSnapshot(decoding: bytes)   // nil on Malformed: rebuild instead
    /// ```
    public struct Malformed: Error {}

    let bytes: [UInt8]
    /// Reading stops here (the bytes after it, such as a checksum, are not part of the content).
    let limit: Int
    public private(set) var offset = 0

    public init(_ bytes: [UInt8], limit: Int? = nil) {
        self.bytes = bytes
        self.limit = min(limit ?? bytes.count, bytes.count)
    }

    public var atEnd: Bool { offset == limit }

    public mutating func u8() throws(Malformed) -> UInt8 {
        guard offset < limit else { throw Malformed() }
        defer { offset += 1 }
        return bytes[offset]
    }

    public mutating func u32() throws(Malformed) -> UInt32 {
        guard offset + 4 <= limit else { throw Malformed() }
        var value: UInt32 = 0
        for k in 0..<4 { value |= UInt32(bytes[offset + k]) << UInt32(8 * k) }
        offset += 4
        return value
    }

    public mutating func u64() throws(Malformed) -> UInt64 {
        guard offset + 8 <= limit else { throw Malformed() }
        var value: UInt64 = 0
        for k in 0..<8 { value |= UInt64(bytes[offset + k]) << UInt64(8 * k) }
        offset += 8
        return value
    }

    public mutating func int() throws(Malformed) -> Int { Int(Int64(bitPattern: try u64())) }

    /// A u64 that must be a count or offset (at most `Int64.max`).
    public mutating func size() throws(Malformed) -> Int {
        let value = try u64()
        guard value <= UInt64(Int64.max) else { throw Malformed() }
        return Int(value)
    }

    /// A count of elements that follow, each at least `minimum` bytes (rejects absurd counts early).
    public mutating func count(minimum: Int = 1) throws(Malformed) -> Int {
        let value = try u64()
        guard value <= UInt64(limit - offset) / UInt64(max(minimum, 1)) else { throw Malformed() }
        return Int(value)
    }

    public mutating func string() throws(Malformed) -> String {
        let length = Int(try u32())
        guard offset + length <= limit else { throw Malformed() }
        defer { offset += length }
        return String(decoding: bytes[offset..<(offset + length)], as: UTF8.self)
    }

    public mutating func optional() throws(Malformed) -> String? {
        switch try u8() {
        case 0: return nil
        case 1: return try string()
        default: throw Malformed()
        }
    }

    public mutating func bool() throws(Malformed) -> Bool {
        switch try u8() {
        case 0: return false
        case 1: return true
        default: throw Malformed()
        }
    }

    public mutating func raw(_ count: Int) throws(Malformed) -> [UInt8] {
        guard offset + count <= limit else { throw Malformed() }
        defer { offset += count }
        return Array(bytes[offset..<(offset + count)])
    }
}
