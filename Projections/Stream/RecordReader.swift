import Foundation
import MutualLedger
import PartnershipEvents

/// Reads the partnership record of a ledger up to a ``ReportPoint`` in one streaming pass, with
/// nothing kept per event but the compact ``RecordStream`` state, resuming from the snapshot in
/// `DIR/cache/` when one matches the log and saving a new one after a `.latest` read.
///
/// A snapshot is used only if it is intact (its own SHA-256), of this projection and version,
/// and the log still holds, at the offset it names, a line whose hash is the one it recorded;
/// anything else is ignored and the record rebuilt from line 0. Saving is atomic (temporary file
/// and rename) and never fails the read: a read-only ledger is simply not cached.
///
/// ```swift
/// var reader = RecordReader(directory: dir)
/// let result = try reader.read(at: .latest)
/// let record = result.stream.record()
/// result.resumedAt   // lines taken from the snapshot (0 when rebuilt)
/// ```
public struct RecordReader: Sendable {
    public let directory: LedgerDirectory
    public var lockTimeout: Double
    public var upcasters: EventUpcasters
    /// Read and write `DIR/cache/report-partnership-record.snapshot` (`--no-cache` turns it off).
    public var useSnapshots: Bool
    /// A new snapshot is written once this many lines were read past the one used.
    public var rewriteAfter: Int
    /// Decoding threads wanted (1: the reading thread decodes every line itself, in order); with
    /// more, up to twice this many batches are decoded at once on Dispatch's global queue. Lines
    /// are folded on the reading thread in log order either way, with the same checks.
    public var decodeThreads: Int
    /// Bytes of log lines per batch handed to a decoding thread.
    public var batchBytes: Int
    /// Logs with fewer bytes left to read than this are decoded on the reading thread.
    public var parallelFrom: Int

    public init(directory: LedgerDirectory, lockTimeout: Double = 30, upcasters: EventUpcasters = .standard,
                useSnapshots: Bool = true, rewriteAfter: Int = 4096,
                decodeThreads: Int = RecordReader.defaultDecodeThreads, batchBytes: Int = 1 << 18, parallelFrom: Int = 4 << 20) {
        self.directory = directory
        self.lockTimeout = lockTimeout
        self.upcasters = upcasters
        self.useSnapshots = useSnapshots
        self.rewriteAfter = rewriteAfter
        self.decodeThreads = decodeThreads
        self.batchBytes = batchBytes
        self.parallelFrom = parallelFrom
    }

    /// The snapshot file.
    public var snapshotURL: URL { directory.cache.appendingPathComponent("report-\(RecordSnapshot.projection).snapshot") }

    /// What a read found.
    ///
    /// ```swift
    /// let result = try reader.read(at: .latest)
    /// result.resumedAt      // 1_000_000 when a snapshot of that many lines was used
    /// result.savedSnapshot  // false on a read-only ledger
    /// ```
    public struct Result: Sendable {
        public var stream: RecordStream
        /// Lines taken from a snapshot instead of read (0: rebuilt from line 0).
        public var resumedAt: Int
        /// Whether a new snapshot was saved.
        public var savedSnapshot: Bool
    }

    /// Reads up to `point`; `progress` is called every 16,384 lines with (lines read in this pass,
    /// bytes of the log read so far, total bytes).
    public func read(at point: ReportPoint, progress: (Int, Int64, Int64) -> Void = { _, _, _ in }) throws(LedgerError) -> Result {
        try directory.requireExisting()
        let log = try LogFile.open(directory.events, writable: false)
        let end = try log.stableEnd(timeout: lockTimeout)
        var stream = RecordStream(point: point)
        var start: Int64 = 0
        var lastLineStart: Int64 = -1
        var resumedAt = 0
        if useSnapshots, let snapshot = loadSnapshot(point: point, log: log, end: end) {
            stream = snapshot.stream
            start = snapshot.offset
            lastLineStart = snapshot.lastLineStart
            resumedAt = stream.count
        }
        // Reserve for the lines left at about 600 bytes each (untouched capacity costs no memory).
        stream.reserve(Int(min((end - start) / 600, 1 << 26)))
        var cursor = ReadCursor(lastLineStart: lastLineStart, offsetAfter: start)
        var reachedPoint = false
        if case .at(let seq) = point, stream.count > seq { reachedPoint = true }
        if !reachedPoint {
            let decoder = LineDecoder(upcasters: upcasters)
            if decodeThreads > 1 && end - start >= Int64(parallelFrom) {
                try readInBatches(log, from: start, upTo: end, decoder: decoder, into: &stream, cursor: &cursor, progress: progress)
            } else {
                try readInOrder(log, from: start, upTo: end, decoder: decoder, into: &stream, cursor: &cursor, progress: progress)
            }
        }
        lastLineStart = cursor.lastLineStart
        let offsetAfter = cursor.offsetAfter
        try stream.checkPoint()
        var saved = false
        if useSnapshots, point == .latest, stream.count > 0, lastLineStart >= 0,
           resumedAt == 0 || stream.count - resumedAt >= rewriteAfter {
            saved = save(RecordSnapshot(stream: stream, offset: offsetAfter, lastLineStart: lastLineStart))
        }
        return Result(stream: stream, resumedAt: resumedAt, savedSnapshot: saved)
    }

    /// The snapshot, if there is one that matches the log as it stands; nil otherwise.
    func loadSnapshot(point: ReportPoint, log: LogFile, end: Int64) -> RecordSnapshot? {
        if case .asOf = point { return nil }
        // Read in windows as it is decoded, never whole (it is about 130 bytes per event).
        guard let snapshot = try? RecordSnapshot(contentsOf: snapshotURL.path, point: point) else { return nil }
        if case .at(let seq) = point, snapshot.stream.count > seq + 1 { return nil }
        let length = snapshot.offset - snapshot.lastLineStart
        guard snapshot.offset <= end, length >= 2, length <= Int64(LogFile.maxLineLength) + 1,
              let bytes = try? log.read(at: snapshot.lastLineStart, count: Int(length)),
              bytes.count == Int(length), bytes.last == 0x0a,
              LedgerLine.hash(of: bytes.dropLast()) == snapshot.stream.lastHash else { return nil }
        if snapshot.lastLineStart > 0 {
            guard let before = try? log.read(at: snapshot.lastLineStart - 1, count: 1), before == [0x0a] else { return nil }
        }
        return snapshot
    }

    /// Writes the snapshot atomically (a temporary file, then `rename`; no `fsync`, it is a cache),
    /// in pieces as it is encoded; false (and nothing changed) when the cache folder cannot be written.
    func save(_ snapshot: RecordSnapshot) -> Bool {
        do {
            try FileManager.default.createDirectory(at: directory.cache, withIntermediateDirectories: true)
        } catch {
            return false
        }
        let url = snapshotURL
        let temp = url.deletingLastPathComponent().appendingPathComponent(".\(url.lastPathComponent).tmp-\(getpid())")
        let fd = open(temp.path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard fd >= 0 else { return false }
        do throws(LedgerError) {
            try snapshot.encode { piece throws(LedgerError) in try FileIO.writeAll(fd, piece, path: temp.path) }
        } catch {
            close(fd)
            unlink(temp.path)
            return false
        }
        close(fd)
        guard rename(temp.path, url.path) == 0 else {
            unlink(temp.path)
            return false
        }
        return true
    }
}
