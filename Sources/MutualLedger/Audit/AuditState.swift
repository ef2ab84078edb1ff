import Foundation

/// What an auditor remembers between runs of `mutual audit`: the last checkpoint it accepted and
/// everything needed to verify only the lines after it (docs/TRANSPARENCY.md, "Audit state").
///
/// Stored as JSON in the state file, with the fold's large parts (event ids, and the vocabulary
/// state's growing maps) in ``CacheTable``s beside it, `<state>.PART.values` / `<state>.PART.index`,
/// which each run appends to and reads on demand, so a run costs the new lines, not the ledger.
/// A `mutual-audit/v1` state (everything in the JSON, ids in `<state>.ids`) is still read, once,
/// and replaced by a v2 state.
///
/// ```swift
/// let state = try AuditState<CoreRules>.load(from: url)   // nil before the first run
/// state?.size      // lines audited so far
/// state?.offset    // byte offset in events.jsonl where line `size` starts
/// ```
public struct AuditState<Rules: LedgerRules>: Codable, Sendable {
    public static var format: String { "mutual-audit/v2" }
    /// The format before the tables: still read, written no more.
    public static var legacyFormat: String { "mutual-audit/v1" }

    /// ``format`` (or ``legacyFormat`` for a state written by an older Mutual).
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
    /// The vocabulary's state after line `size - 1` (v2: its small parts; the rest is in the tables).
    public var state: Rules.State
    /// v2: the tables beside the state file, by part name (`ids` and the state's table-backed parts).
    public var tables: [String: CacheTable.Ref]?

    /// The v1 sidecar file holding the event ids.
    public static func idsURL(_ url: URL) -> URL {
        url.deletingLastPathComponent().appendingPathComponent(url.lastPathComponent + ".ids")
    }

    /// The tables of a v2 state: `<state>.PART.values` and `<state>.PART.index` in the state's folder.
    static func tables(_ url: URL) -> FoldTables {
        FoldTables(directory: url.deletingLastPathComponent(), prefix: url.lastPathComponent + ".")
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
        guard state.format == format || state.format == legacyFormat else {
            throw LedgerError(.validation, "the audit state has format \"\(state.format)\", not \"\(format)\"; start a new state file")
        }
        guard state.rules == Rules.name, state.rulesVersion == Rules.version else {
            throw LedgerError(.validation, "the audit state was written for rules \(state.rules) v\(state.rulesVersion), not \(Rules.name) v\(Rules.version); start a new state file (the first run audits everything)")
        }
        return state
    }

    /// The Merkle tree this state describes.
    func tree() throws(LedgerError) -> MerkleAccumulator {
        var hashes: [MerkleHash] = []
        for text in peaks {
            guard let hash = MerkleHash(base64: text) else {
                throw LedgerError(.validation, "the audit state has a peak that is not base64 of 32 bytes; start a new state file")
            }
            hashes.append(hash)
        }
        return try MerkleAccumulator(peaks: hashes, size: size)
    }

    /// The fold this state describes; nil when its tables are missing or do not match it (a run
    /// interrupted between writing the tables and the state): the caller then audits every line again.
    func restore(rules: Rules, stateURL: URL) throws(LedgerError) -> LedgerFold<Rules>? {
        guard format == Self.legacyFormat else {
            return Self.tables(stateURL).restore(rules: rules, count: Int(size), lastHash: lastHash, registry: registry,
                                                 state: state, refs: tables ?? [:])
        }
        let ids = try FileIO.readSmallFile(Self.idsURL(stateURL), limit: 1 << 34, what: "audit ids")
        guard ids.count >= Int(size) * 16 else {
            throw LedgerError(.validation, "\(Self.idsURL(stateURL).lastPathComponent) holds \(ids.count / 16) ids but the state covers \(size) lines; restore both files from the same run, or start a new state file")
        }
        var index = EventIDIndex()
        index.insert(packedIDs: Array(ids.prefix(Int(size) * 16)), firstSeq: 0)
        return LedgerFold(rules: rules, count: Int(size), lastHash: lastHash, registry: registry, state: state, ids: index)
    }

    /// Saves `fold` as a v2 state: the tables first (what changed appended, flushed), then the
    /// state file replaced atomically. A crash in between leaves tables longer than the old state
    /// names: the next run sees they do not match and audits every line again, never trusting them.
    /// With `spill`, the fold's tables are first moved from its folder to their names beside `url`.
    static func save(_ fold: LedgerFold<Rules>, tree: MerkleAccumulator, offset: Int64, logKey: String, checkpoint: String,
                     to url: URL, spill: FoldSpill? = nil) throws(LedgerError) {
        var fold = fold
        _ = spill?.move(&fold, into: tables(url))
        let (small, refs) = try tables(url).persist(fold, sync: true)
        let state = AuditState(format: format, rules: Rules.name, rulesVersion: Rules.version, logKey: logKey,
                               checkpoint: checkpoint, size: Int64(fold.count), offset: offset, lastHash: fold.lastHash,
                               peaks: tree.peaks.map(\.base64), registry: fold.registry, state: small, tables: refs)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        let data: Data
        do {
            data = try encoder.encode(state)
        } catch {
            throw LedgerError(.io, "cannot encode the audit state (\(error)); report this as a bug")
        }
        try FileIO.replaceAtomically(url, contents: Array(data) + [0x0a])
    }
}
