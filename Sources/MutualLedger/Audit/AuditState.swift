import Foundation

/// What an auditor remembers between runs of `mutual audit`: the last checkpoint it accepted and
/// everything needed to verify only the lines after it (docs/TRANSPARENCY.md, "Audit state").
///
/// Stored as JSON in the state file, with the event ids of lines `0..<size` in the sidecar file
/// `<state>.ids` (16 bytes per id, seq order, the layout of ``EventIDIndex``).
///
/// ```swift
/// let state = try AuditState<CoreRules>.load(from: url)   // nil before the first run
/// state?.size      // lines audited so far
/// state?.offset    // byte offset in events.jsonl where line `size` starts
/// ```
public struct AuditState<Rules: LedgerRules>: Codable, Sendable {
    public static var format: String { "mutual-audit/v1" }

    /// Always ``format``.
    public var format: String
    /// The vocabulary the fold was computed under, and its version.
    public var rules: String
    public var rulesVersion: Int
    /// The log's verifier key (`mutual log-key`), as trusted on the first run or given with --vkey.
    public var logKey: String
    /// The signed note text of the last accepted checkpoint.
    public var checkpoint: String
    /// Its tree size: the number of lines audited.
    public var size: Int64
    /// Byte offset in `events.jsonl` just past line `size - 1`.
    public var offset: Int64
    /// Hash of line `size - 1` (lowercase hex), the `prev` of the next line.
    public var lastHash: String
    /// The Merkle peaks of the first `size` leaves, largest first, standard base64.
    public var peaks: [String]
    /// Keys enrolled and revoked by line `size - 1`.
    public var registry: KeyRegistry
    /// The vocabulary's state after line `size - 1`.
    public var state: Rules.State

    /// The sidecar file holding the event ids.
    public static func idsURL(_ url: URL) -> URL {
        url.deletingLastPathComponent().appendingPathComponent(url.lastPathComponent + ".ids")
    }

    /// The state saved at `url`, or nil if there is none yet (first run).
    public static func load(from url: URL) throws(LedgerError) -> AuditState? {
        guard FileManager.default.fileExists(atPath: url.path) else { return nil }
        let bytes = try FileIO.readSmallFile(url, limit: 256 << 20, what: "audit state")
        let state: AuditState
        do {
            state = try JSONDecoder().decode(AuditState.self, from: Data(bytes))
        } catch {
            throw LedgerError(.validation, "the audit state \(url.lastPathComponent) is not a Mutual audit state file (\(error)); give the file an earlier `mutual audit` wrote, or a new path to start over")
        }
        guard state.format == format else {
            throw LedgerError(.validation, "the audit state has format \"\(state.format)\", not \"\(format)\"; start a new state file")
        }
        guard state.rules == Rules.name, state.rulesVersion == Rules.version else {
            throw LedgerError(.validation, "the audit state was written for rules \(state.rules) v\(state.rulesVersion), not \(Rules.name) v\(Rules.version); start a new state file (the first run audits everything)")
        }
        return state
    }

    /// The fold and tree this state describes, with the event ids read from the sidecar.
    func restore(rules: Rules, stateURL: URL) throws(LedgerError) -> (LedgerFold<Rules>, MerkleAccumulator) {
        let ids = try FileIO.readSmallFile(Self.idsURL(stateURL), limit: 1 << 34, what: "audit ids")
        guard ids.count >= Int(size) * 16 else {
            throw LedgerError(.validation, "\(Self.idsURL(stateURL).lastPathComponent) holds \(ids.count / 16) ids but the state covers \(size) lines; restore both files from the same run, or start a new state file")
        }
        var hashes: [MerkleHash] = []
        for text in peaks {
            guard let hash = MerkleHash(base64: text) else {
                throw LedgerError(.validation, "the audit state has a peak that is not base64 of 32 bytes; start a new state file")
            }
            hashes.append(hash)
        }
        let fold = LedgerFold(rules: rules, count: Int(size), lastHash: lastHash, registry: registry, state: state,
                              ids: EventIDIndex(packed: Array(ids.prefix(Int(size) * 16))))
        return (fold, try MerkleAccumulator(peaks: hashes, size: size))
    }

    /// Saves the state: first the new ids appended to the sidecar (cut back to the `previous`
    /// size's ids first, dropping leftovers of an interrupted run), then the state file replaced
    /// atomically. The state names its size, so a crash between the two leaves the old state valid.
    func save(to url: URL, previousSize: Int64, newIDs: [UInt8]) throws(LedgerError) {
        let idsURL = Self.idsURL(url)
        let fd = open(idsURL.path, O_WRONLY | O_CREAT | O_CLOEXEC, 0o644)
        guard fd >= 0 else {
            throw LedgerError(.io, "cannot open \(idsURL.path): \(String(cString: strerror(errno))); check the folder is writable")
        }
        defer { close(fd) }
        guard ftruncate(fd, off_t(previousSize * 16)) == 0, lseek(fd, 0, SEEK_END) >= 0 else {
            throw LedgerError(.io, "cannot resize \(idsURL.path): \(String(cString: strerror(errno))); check the disk")
        }
        try FileIO.writeAll(fd, newIDs, path: idsURL.path)
        try FileIO.sync(fd, path: idsURL.path)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        let data: Data
        do {
            data = try encoder.encode(self)
        } catch {
            throw LedgerError(.io, "cannot encode the audit state (\(error)); report this as a bug")
        }
        try FileIO.replaceAtomically(url, contents: Array(data) + [0x0a])
    }
}
