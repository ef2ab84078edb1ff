import Crypto
import Foundation
import MutualLedger

/// A saved ``RecordStream``: the record's state after the first `count` lines of the log, with
/// what proves which lines those were (the hash of line `count - 1` and where it starts) and the
/// byte offset where reading resumes. Layout, byte by byte: docs/REPORTS.md, "Snapshots".
///
/// ```swift
/// let snapshot = RecordSnapshot(stream: stream, offset: 4096, lastLineStart: 3800)
/// let bytes = snapshot.encoded()
/// let back = try RecordSnapshot(decoding: bytes)   // == snapshot, or Malformed
/// ```
public struct RecordSnapshot: Sendable, Equatable {
    /// First bytes of every snapshot file.
    public static let magic = Array("mutual-report-snapshot\n".utf8)
    /// The layout version of the file.
    public static let format: UInt32 = 1
    /// The projection whose state it holds, and its version (``Projection/version``, bumped
    /// whenever the record's meaning changes): a snapshot of another name or version is never used.
    /// A change of the streaming fold or of this layout bumps ``format`` instead.
    public static let projection = PartnershipRecordProjection.name
    public static let projectionVersion = UInt32(PartnershipRecordProjection.version)

    public var stream: RecordStream
    /// Byte offset in events.jsonl just past the newline of line `count - 1`.
    public var offset: Int64
    /// Byte offset in events.jsonl where line `count - 1` starts.
    public var lastLineStart: Int64

    public init(stream: RecordStream, offset: Int64, lastLineStart: Int64) {
        self.stream = stream
        self.offset = offset
        self.lastLineStart = lastLineStart
    }

    /// The file's bytes, ending with the SHA-256 (64 lowercase hex characters) of all before it.
    public func encoded() -> [UInt8] {
        var bytes: [UInt8] = []
        encode { piece in bytes.append(contentsOf: piece) }
        return bytes
    }

    /// The bytes of ``encoded()``, handed to `sink` in order in pieces of about `piece` bytes, so
    /// that a large snapshot is written without being held whole in memory.
    ///
    /// ```swift
    /// try snapshot.encode { piece throws(LedgerError) in try FileIO.writeAll(fd, piece, path: path) }
    /// ```
    public func encode<E: Error>(piece: Int = 1 << 20, into sink: ([UInt8]) throws(E) -> Void) throws(E) {
        var hasher = SHA256()
        var out = SnapshotWriter()
        out.raw(Self.magic)
        out.u32(Self.format)
        out.string(Self.projection)
        out.u32(Self.projectionVersion)
        out.u64(UInt64(stream.count))
        out.u64(UInt64(offset))
        out.u64(UInt64(lastLineStart))
        out.string(stream.lastHash)
        out.u8(stream.latestDate == nil ? 0 : 1)
        out.int(Int(stream.latestDate?.daysSinceEpoch ?? 0))
        out.u64(UInt64(stream.items.count))
        for index in stream.items.indices {
            let id = stream.index.key(at: index)
            out.u64(id.high)
            out.u64(id.low)
            out.int(stream.items[index].seq)
            out.u8(stream.items[index].kind.rawValue)
            out.optional(stream.items[index].partnership)
            out.int(Int(stream.items[index].date.daysSinceEpoch))
            out.optional(stream.items[index].authorOrg)
            out.u8(stream.items[index].retracted ? 1 : 0)
            stream.items[index].body.write(to: &out)
            if out.bytes.count >= piece {
                hasher.update(data: out.bytes)
                try sink(out.bytes)
                out.clear()
            }
        }
        out.u64(UInt64(stream.keyOrgs.count))
        for key in stream.keyOrgs.keys.sorted() {
            out.string(key)
            out.string(stream.keyOrgs[key] ?? "")
        }
        hasher.update(data: out.bytes)
        let digits = Array("0123456789abcdef".utf8)
        for byte in hasher.finalize() {
            out.u8(digits[Int(byte >> 4)])
            out.u8(digits[Int(byte & 0x0f)])
        }
        try sink(out.bytes)
    }

    /// Reads a snapshot for a stream at `point`; throws ``SnapshotReader/Malformed`` for anything
    /// but an intact file of this format, projection and version.
    public init(decoding bytes: [UInt8], point: ReportPoint = .latest) throws(SnapshotReader.Malformed) {
        guard bytes.count > Self.magic.count + 64, Array(bytes.prefix(Self.magic.count)) == Self.magic else { throw SnapshotReader.Malformed() }
        let contentEnd = bytes.count - 64
        guard LedgerLine.hash(of: bytes[..<contentEnd]).utf8.elementsEqual(bytes[contentEnd...]) else { throw SnapshotReader.Malformed() }
        var input = SnapshotReader(bytes, limit: contentEnd)
        try self.init(reading: &input, point: point)
    }

    /// Reads the snapshot file at `path` as ``init(decoding:point:)`` reads its bytes, the same
    /// checks and the same result, without holding the file in memory: it is read in windows of
    /// `window` bytes (1 MiB) as it is decoded, and its checksum compared once the whole content was read.
    ///
    /// ```swift
    /// let snapshot = try RecordSnapshot(contentsOf: reader.snapshotURL.path)   // Malformed if not intact
    /// ```
    public init(contentsOf path: String, point: ReportPoint = .latest, window: Int = 1 << 20) throws(SnapshotReader.Malformed) {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { throw SnapshotReader.Malformed() }
        defer { close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0, info.st_size > Int64(Self.magic.count + 64) else { throw SnapshotReader.Malformed() }
        let contentEnd = Int(info.st_size) - 64
        var input = SnapshotReader(file: fd, contentLength: contentEnd, window: window)
        try self.init(reading: &input, point: point)
        var stored = [UInt8](repeating: 0, count: 64)
        let n = stored.withUnsafeMutableBytes { pread(fd, $0.baseAddress, 64, off_t(contentEnd)) }
        guard n == 64, input.contentDigestHex() == stored else { throw SnapshotReader.Malformed() }
    }

    /// Decodes the content (everything before the checksum) from `input`, to its end.
    private init(reading input: inout SnapshotReader, point: ReportPoint) throws(SnapshotReader.Malformed) {
        guard try input.raw(Self.magic.count) == Self.magic else { throw SnapshotReader.Malformed() }
        guard try input.u32() == Self.format, try input.string() == Self.projection,
              try input.u32() == Self.projectionVersion else { throw SnapshotReader.Malformed() }
        var stream = RecordStream(point: point)
        stream.count = try input.size()
        offset = Int64(try input.size())
        lastLineStart = Int64(try input.size())
        stream.lastHash = try input.string()
        let hasDate = try input.bool()
        let days = try input.int()
        stream.latestDate = hasDate ? CalendarDate(daysSinceEpoch: Int64(days)) : nil
        let items = try input.count(minimum: 36)
        stream.items.reserveCapacity(items + 4096)
        for _ in 0..<items {
            let id = EventKey(high: try input.u64(), low: try input.u64())
            let seq = try input.int()
            guard let kind = RecordKind(rawValue: try input.u8()), kind != .other, kind != .corrected, kind != .retracted,
                  stream.index.insertIfAbsent(id) else { throw SnapshotReader.Malformed() }
            let partnership = try input.optional()
            let date = CalendarDate(daysSinceEpoch: Int64(try input.int()))
            let authorOrg = try input.optional()
            let retracted = try input.bool()
            let body = try RecordBody(from: &input)
            stream.items.append(RecordStream.Item(seq: seq, kind: kind, partnership: partnership, date: date,
                                                  authorOrg: authorOrg, body: body, retracted: retracted))
        }
        for _ in 0..<(try input.count(minimum: 8)) {
            let key = try input.string()
            stream.keyOrgs[key] = try input.string()
        }
        guard input.atEnd, stream.count >= 1, offset > lastLineStart, stream.lastHash.utf8.count == 64 else { throw SnapshotReader.Malformed() }
        self.stream = stream
    }
}
