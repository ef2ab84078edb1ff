import Foundation

/// Where a ledger keeps its files. Everything is derived from the one folder,
/// so tests can point a ledger anywhere.
///
/// ```swift
/// let dir = LedgerDirectory(URL(fileURLWithPath: "ledger"))
/// dir.events.lastPathComponent   // "events.jsonl"
/// ```
public struct LedgerDirectory: Sendable, Hashable {
    public let root: URL

    public init(_ root: URL) { self.root = root.standardizedFileURL }

    /// The append-only log, one canonical JSON line per event.
    public var events: URL { root.appendingPathComponent("events.jsonl") }
    /// The log key that signs checkpoints (PKCS#8 PEM, mode 0600).
    public var logKey: URL { root.appendingPathComponent("log.key") }
    /// RFC 6962 stored hashes of the log's Merkle tree.
    public var hashes: URL { root.appendingPathComponent("hashes") }
    /// The latest signed checkpoint.
    public var checkpoint: URL { root.appendingPathComponent("checkpoint") }
    /// Every checkpoint ever issued, appended.
    public var checkpoints: URL { root.appendingPathComponent("checkpoints") }
    /// Caches that can be deleted at any time.
    public var cache: URL { root.appendingPathComponent("cache") }

    /// A torn tail moved aside by `repair`.
    public func tornFile(at stamp: Timestamp) -> URL {
        let compact = stamp.text.replacingOccurrences(of: "-", with: "").replacingOccurrences(of: ":", with: "")
        return root.appendingPathComponent("torn-\(compact).bin")
    }

    /// Throws unless `root` is an existing ledger folder.
    public func requireExisting() throws(LedgerError) {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: root.path, isDirectory: &isDirectory) else {
            throw LedgerError(.notFound, "no ledger at \(root.path); create one with `mutual init --ledger \(root.path) ...` or pass --ledger")
        }
        guard isDirectory.boolValue else {
            throw LedgerError(.usage, "\(root.path) is a file, not a ledger folder; pass the folder with --ledger")
        }
        guard FileManager.default.fileExists(atPath: events.path) else {
            throw LedgerError(.notFound, "\(root.path) has no events.jsonl, so it is not a ledger; create one with `mutual init` or pass --ledger")
        }
    }
}
