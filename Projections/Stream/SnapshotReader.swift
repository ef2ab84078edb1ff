import Crypto
import Foundation

/// Reader for what ``SnapshotWriter`` wrote; every read is bounds-checked and throws
/// ``SnapshotReader/Malformed`` past the end or on a value out of range.
///
/// It reads either bytes in memory or a file, in windows of about 1 MiB read as the decoding
/// goes (so a snapshot of a large log is never held whole in memory), hashing every content
/// byte it reads so that ``contentDigestHex()`` can be compared with the file's checksum.
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

    /// The bytes held: all of them in memory, or the current window of the file.
    private var bytes: [UInt8]
    /// Position (in the content) of `bytes[0]`.
    private var start = 0
    /// Reading stops here (the bytes after it, such as a checksum, are not part of the content).
    let limit: Int
    /// Position in the content of the next byte to read.
    public private(set) var offset = 0
    /// The file read in windows (nil: everything is in `bytes`).
    private let fd: Int32?
    private var hasher = SHA256()
    /// Bytes read from the file at a time (at least).
    private let window: Int

    public init(_ bytes: [UInt8], limit: Int? = nil) {
        self.bytes = bytes
        self.limit = min(limit ?? bytes.count, bytes.count)
        fd = nil
        window = 0
    }

    /// Reads the first `contentLength` bytes of the open file `fd` (positioned reads, from byte 0),
    /// `window` bytes at a time.
    public init(file fd: Int32, contentLength: Int, window: Int = 1 << 20) {
        bytes = []
        limit = max(contentLength, 0)
        self.fd = fd
        self.window = max(window, 1)
    }

    public var atEnd: Bool { offset == limit }

    /// Lowercase hex SHA-256 of the content read so far from a file (all of it once ``atEnd``).
    public func contentDigestHex() -> [UInt8] {
        let digits = Array("0123456789abcdef".utf8)
        var out: [UInt8] = []
        out.reserveCapacity(64)
        for byte in hasher.finalize() {
            out.append(digits[Int(byte >> 4)])
            out.append(digits[Int(byte & 0x0f)])
        }
        return out
    }

    /// Makes `count` bytes from ``offset`` available in `bytes`, reading the file's next window if need be.
    private mutating func need(_ count: Int) throws(Malformed) {
        guard count >= 0, offset + count <= limit else { throw Malformed() }
        if offset - start + count <= bytes.count { return }
        guard let fd else { throw Malformed() }
        bytes.removeFirst(offset - start)
        start = offset
        let from = start + bytes.count
        let wanted = min(max(count - bytes.count, window), limit - from)
        var fresh = [UInt8](repeating: 0, count: wanted)
        var done = 0
        while done < wanted {
            let n = fresh.withUnsafeMutableBytes { buffer in
                pread(fd, buffer.baseAddress.map { $0 + done }, wanted - done, off_t(from + done))
            }
            if n < 0 && errno == EINTR { continue }
            guard n > 0 else { throw Malformed() }
            done += n
        }
        hasher.update(data: fresh)
        bytes.append(contentsOf: fresh)
        guard offset - start + count <= bytes.count else { throw Malformed() }
    }

    public mutating func u8() throws(Malformed) -> UInt8 {
        try need(1)
        defer { offset += 1 }
        return bytes[offset - start]
    }

    public mutating func u32() throws(Malformed) -> UInt32 {
        try need(4)
        let at = offset - start
        var value: UInt32 = 0
        for k in 0..<4 { value |= UInt32(bytes[at + k]) << UInt32(8 * k) }
        offset += 4
        return value
    }

    public mutating func u64() throws(Malformed) -> UInt64 {
        try need(8)
        let at = offset - start
        var value: UInt64 = 0
        for k in 0..<8 { value |= UInt64(bytes[at + k]) << UInt64(8 * k) }
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
        try need(length)
        let at = offset - start
        defer { offset += length }
        return String(decoding: bytes[at..<(at + length)], as: UTF8.self)
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
        try need(count)
        let at = offset - start
        defer { offset += count }
        return Array(bytes[at..<(at + count)])
    }
}
