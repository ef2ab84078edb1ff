import Foundation

/// The verified watermark: how far `mutual verify` last checked the whole ledger, and the fold
/// and Merkle tree as they stood there, so that `mutual verify --since-watermark` checks only the
/// lines after it (docs/FORMAT.md, "The verified watermark").
///
/// Kept in `DIR/cache/verified-RULES.json` (this JSON) with the fold's large parts in its own
/// ``CacheTable``s, `DIR/cache/verified-RULES-PART.values` / `.index` (not the append cache's: an
/// append moves that one past the watermark). Like the rest of `DIR/cache/` it can be deleted at
/// any time; one that does not match the log is ignored, and the run verifies everything.
///
/// ```swift
/// let url = VerifiedWatermark<CoreRules>.url(ledger.directory)   // DIR/cache/verified-core.json
/// let mark = try JSONDecoder().decode(VerifiedWatermark<CoreRules>.self, from: Data(contentsOf: url))
/// mark.count   // lines verified
/// ```
public struct VerifiedWatermark<Rules: LedgerRules>: Codable, Sendable {
    public static var format: String { "mutual-watermark/v1" }

    /// Always ``format``.
    public var format: String
    /// The vocabulary the fold was computed under, and its version.
    public var rules: String
    public var rulesVersion: Int
    /// Lines verified: seq `0..<count`.
    public var count: Int
    /// Hash of line `count - 1` (lowercase hex).
    public var lastHash: String
    /// Byte offset where line `count - 1` starts, and just past its newline.
    public var lastOffset: Int64
    public var end: Int64
    /// The key registry and the vocabulary's state (its small parts) after line `count - 1`.
    public var registry: KeyRegistry
    public var state: Rules.State
    /// The tables holding event ids and the state's large parts, by part name.
    public var tables: [String: CacheTable.Ref]
    /// The Merkle peaks of the first `count` leaves, largest first, standard base64.
    public var peaks: [String]
    /// The signed note text of the latest checkpoint verified (size at most `count`), if any.
    public var checkpoint: String?
    /// How much of `DIR/checkpoints` was verified: its first `checkpointsCount` lines, ending at
    /// byte `checkpointsEnd`; the last of them starts at `checkpointsLastOffset` and its bytes
    /// (newline included) hash to `checkpointsLastHash` (hex SHA-256; empty when there is none).
    public var checkpointsEnd: Int64
    public var checkpointsCount: Int
    public var checkpointsLastOffset: Int64
    public var checkpointsLastHash: String
    /// Hex SHA-256 of the file's bytes with this value replaced by 64 zeros: a watermark edited by
    /// hand (or damaged) no longer matches it and is not used. It is a checksum, not a signature.
    public var digest: String = Self.zeroDigest

    static var zeroDigest: String { String(repeating: "0", count: 64) }

    /// `DIR/cache/verified-RULES.json`.
    public static func url(_ directory: LedgerDirectory) -> URL {
        directory.cache.appendingPathComponent("verified-\(Rules.name).json")
    }

    /// The lock file that one writer of the watermark holds at a time.
    static func lockURL(_ directory: LedgerDirectory) -> URL {
        directory.cache.appendingPathComponent("verified-\(Rules.name).lock")
    }

    static func tables(_ directory: LedgerDirectory) -> FoldTables {
        FoldTables(directory: directory.cache, prefix: "verified-\(Rules.name)-")
    }

    /// Reads the watermark; throws a short reason (for the "verifying everything" note) if there is
    /// none or it cannot be used as it is.
    static func read(_ directory: LedgerDirectory) throws(WatermarkMismatch) -> VerifiedWatermark {
        let url = url(directory)
        guard FileManager.default.fileExists(atPath: url.path) else { throw WatermarkMismatch("there is no watermark yet") }
        guard let bytes = try? FileIO.readSmallFile(url, limit: 256 << 20, what: "watermark"),
              let mark = try? JSONDecoder().decode(VerifiedWatermark.self, from: Data(bytes)) else {
            throw WatermarkMismatch("the watermark file is not readable JSON of this format")
        }
        guard let zeroed = Self.replacingDigest(in: bytes, with: mark.digest), LedgerLine.hash(of: zeroed) == mark.digest else {
            throw WatermarkMismatch("the watermark file does not match its digest (edited by hand, or damaged)")
        }
        guard mark.format == format else { throw WatermarkMismatch("the watermark has format \(mark.format), not \(format)") }
        guard mark.rules == Rules.name, mark.rulesVersion == Rules.version else {
            throw WatermarkMismatch("the watermark was written for rules \(mark.rules) v\(mark.rulesVersion), not \(Rules.name) v\(Rules.version)")
        }
        guard mark.count > 0, mark.end > mark.lastOffset, mark.lastOffset >= 0 else {
            throw WatermarkMismatch("the watermark's position is not possible")
        }
        return mark
    }

    /// Writes this JSON atomically (the tables were written and flushed before), with its digest.
    func write(_ directory: LedgerDirectory) throws(LedgerError) {
        var mark = self
        mark.digest = Self.zeroDigest
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        let data: Data
        do {
            data = try encoder.encode(mark)
        } catch {
            throw LedgerError(.io, "cannot encode the watermark (\(error))")
        }
        let zeroed = Array(data) + [0x0a]
        guard let bytes = Self.replacingDigest(in: zeroed, with: LedgerLine.hash(of: zeroed), expecting: Self.zeroDigest) else {
            throw LedgerError(.io, "cannot place the watermark's digest")
        }
        try FileIO.replaceAtomically(Self.url(directory), contents: bytes)
    }

    /// `bytes` with the value of its one `"digest":"<64 hex>"` member (which must be `expecting`,
    /// if given) replaced by `replacement` (64 characters): zeros when `replacement` is the digest read.
    static func replacingDigest(in bytes: [UInt8], with value: String, expecting: String? = nil) -> [UInt8]? {
        let key = Array("\"digest\":\"".utf8)
        guard value.utf8.count == 64, bytes.count >= key.count + 64 else { return nil }
        var found: Int?
        for start in 0...(bytes.count - key.count - 64) where bytes[start] == key[0] && Array(bytes[start..<(start + key.count)]) == key {
            guard found == nil else { return nil }
            found = start + key.count
        }
        guard let at = found, bytes.count > at + 64, bytes[at + 64] == UInt8(ascii: "\"") else { return nil }
        let current = String(decoding: bytes[at..<(at + 64)], as: UTF8.self)
        if let expecting, current != expecting { return nil }
        var result = bytes
        // Reading: put zeros back where the digest was; writing: put the digest where the zeros were.
        let replacement = expecting == nil ? Array(zeroDigest.utf8) : Array(value.utf8)
        if expecting == nil, current != value { return nil }
        result.replaceSubrange(at..<(at + 64), with: replacement)
        return result
    }
}

/// Why a verified watermark was not used (the run then verifies the whole log).
///
/// ```swift
/// throw WatermarkMismatch("line 41 is not where the watermark says")
/// ```
public struct WatermarkMismatch: Error, Sendable, Equatable {
    public var reason: String
    public init(_ reason: String) { self.reason = reason }
}
