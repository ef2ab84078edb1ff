import Foundation

/// What one run of ``Ledger/audit(stateFile:logKey:)`` found.
///
/// ```swift
/// let result = try ledger.audit(stateFile: url, logKey: nil)
/// print("audited \(result.linesAdmitted) new lines, now at size \(result.checkpoint.size)")
/// ```
public struct AuditResult: Sendable, Equatable {
    /// The size accepted on the previous run; nil on the first run.
    public var previousSize: Int64?
    /// The checkpoint accepted now.
    public var checkpoint: Checkpoint
    /// Lines read and verified in this run: only those after the previous size.
    public var linesAdmitted: Int
    /// True when the log key was taken from the ledger's own genesis line (trust on first use).
    public var trustedOnFirstUse: Bool
    /// The log's verifier key that signed the checkpoint.
    public var logKey: String
    /// True when the remembered fold could not be restored (its tables did not match the state
    /// file, e.g. after a crash between the two writes), so every line was audited again against
    /// the remembered checkpoint.
    public var reaudited: Bool = false
}

extension Ledger {
    /// Audits the ledger incrementally against the auditor's own state file.
    ///
    /// Verifies the signature of the latest checkpoint (`DIR/checkpoint`) by `logKey`, else the key
    /// remembered in the state, else (first run) the key in the genesis line; refuses a smaller
    /// size (rollback) and checks a consistency proof from the remembered checkpoint (fork); then
    /// reads only the lines after the remembered byte offset, up to the checkpoint's size, checks
    /// each (signature, chain, keys, ids, vocabulary rules) with the remembered fold, and compares
    /// the Merkle root of the remembered peaks plus the new leaves with the checkpoint's root. Only
    /// then are the state's tables appended to and the state file replaced. On any failure the
    /// state file and its tables are left unchanged. A run reads the new lines, O(log n) stored
    /// hashes, the state file and the few table entries the new lines look up.
    ///
    /// `progress` is called now and then with the number of new lines audited and the log offset reached.
    public func audit(stateFile: URL, logKey: NoteVerifierKey?, progress: ((Int, Int64) -> Void)? = nil) throws(LedgerError) -> AuditResult {
        try audit(stateFile: stateFile, logKey: logKey, progress: progress, spillBudget: FoldSpill.defaultBudget)
    }

    /// ``audit(stateFile:logKey:progress:)`` with a pass from the first line that spills its fold every `spillBudget` entries (``FoldSpill``).
    func audit(stateFile: URL, logKey: NoteVerifierKey?, progress: ((Int, Int64) -> Void)?, spillBudget: Int) throws(LedgerError) -> AuditResult {
        try directory.requireExisting()
        let lock = FileLock(url: stateFile.deletingLastPathComponent().appendingPathComponent(stateFile.lastPathComponent + ".lock"), createFolder: false)
        guard lock.held else {
            throw LedgerError(.io, "cannot lock \(stateFile.path).lock: another `mutual audit` is using this state file, or its folder is not writable; wait for it, or check the folder")
        }
        let log = try LogFile.open(directory.events, writable: false)
        try log.lockShared(timeout: lockTimeout)
        defer { log.unlock() }
        let old = try AuditState<Rules>.load(from: stateFile)
        let key: NoteVerifierKey
        var tofu = false
        if let logKey {
            if let old, old.logKey != logKey.description {
                throw LedgerError(.transparency, "--vkey is not the log key the audit state remembers (\(old.logKey)); a new log key means another log: use a new state file")
            }
            key = logKey
        } else if let old {
            key = try NoteVerifierKey(parsing: old.logKey)
        } else {
            key = try logVerifierKey(log)
            tofu = true
        }
        let latest = try FileIO.readSmallFile(directory.checkpoint, limit: SignedNote.maxBytes, what: "checkpoint")
        let (checkpoint, note) = try Self.openCheckpoint(latest, verifier: key)

        var fold = LedgerFold(rules: rules)
        var tree = MerkleAccumulator()
        var offset: Int64 = 0
        var reaudited = false
        if let old {
            let (oldCheckpoint, _) = try CheckpointNote.parse(old.checkpoint)
            try checkGrowth(from: oldCheckpoint, to: checkpoint, log: log)
            if let restored = try old.restore(rules: rules, stateURL: stateFile) {
                fold = restored
                tree = try old.tree()
                offset = old.offset
            } else {
                reaudited = true
            }
        }
        let before = fold.count
        // A pass from the first line keeps the fold's growing parts on disk (beside the state file).
        let spill = before == 0 ? fullPassSpill(prefix: "audit-", budget: spillBudget, preferring: stateFile.deletingLastPathComponent()) : nil
        if fold.count < checkpoint.size {
            try log.forEachLine(from: offset, upTo: try log.size()) { (lineOffset, raw) throws(LedgerError) -> Bool in
                do throws(LedgerError) {
                    try fold.admit(try LedgerLine(bytes: raw), bytes: raw, checkSignature: true)
                } catch {
                    try spill?.checkReads()
                    throw error.seq == nil ? error.at(fold.count) : error
                }
                spill?.admitted(&fold)
                tree.append(Merkle.leafHash(raw))
                offset = lineOffset + Int64(raw.count) + 1
                if let progress, (fold.count - before) % 4096 == 0 { progress(fold.count - before, offset) }
                return Int64(fold.count) < checkpoint.size
            }
        }
        try spill?.checkReads()
        guard Int64(fold.count) == checkpoint.size else {
            throw LedgerError(.transparency, "the checkpoint covers \(checkpoint.size) lines but the log has only \(fold.count); the log was cut back after the checkpoint was issued")
        }
        guard tree.root == checkpoint.root else {
            throw LedgerError(.transparency, "the log's lines do not hash to the root of the checkpoint at size \(checkpoint.size); the log was rewritten: keep the checkpoint and the state file as evidence")
        }
        try AuditState<Rules>.save(fold, tree: tree, offset: offset, logKey: key.description,
                                   checkpoint: String(decoding: note.bytes, as: UTF8.self), to: stateFile, spill: spill)
        if old?.format == AuditState<Rules>.legacyFormat {
            try? FileManager.default.removeItem(at: AuditState<Rules>.idsURL(stateFile))
        }
        return AuditResult(previousSize: old?.size, checkpoint: checkpoint, linesAdmitted: fold.count - before,
                           trustedOnFirstUse: tofu, logKey: key.description, reaudited: reaudited)
    }

    /// A log may only grow: the new checkpoint is not smaller than the old one, and a consistency
    /// proof computed from the hash store leads from the old root to the new one.
    func checkGrowth(from old: Checkpoint, to new: Checkpoint, log: LogFile) throws(LedgerError) {
        guard old.origin == new.origin else {
            throw LedgerError(.transparency, "the checkpoint is for log \"\(new.origin)\" but the state remembers \"\(old.origin)\"; use a state file per log")
        }
        guard new.size >= old.size else {
            throw LedgerError(.transparency, "the log was rolled back: its checkpoint has size \(new.size), smaller than the size \(old.size) accepted before; keep both checkpoints as evidence")
        }
        if new.size == old.size {
            guard new.root == old.root else {
                throw LedgerError(.transparency, "the log forked: two checkpoints of size \(new.size) have different roots; keep both as evidence")
            }
            return
        }
        let store = try openStore(covering: new.size)
        do {
            let proof = try Merkle.proveConsistency(from: old.size, to: new.size, reader: store)
            try Merkle.checkConsistency(proof: proof, from: old.size, to: new.size, oldRoot: old.root, newRoot: new.root)
        } catch {
            throw LedgerError(.transparency, "the log forked: the checkpoint at size \(new.size) is not consistent with the one accepted at size \(old.size) (\(error.message)); keep both as evidence")
        }
    }
}
