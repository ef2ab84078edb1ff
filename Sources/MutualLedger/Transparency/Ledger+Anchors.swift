import Foundation

/// The signed checkpoint that a view of the first `count` lines (a report) is pinned to: the first
/// checkpoint issued at exactly `count` lines, else the first issued at the smallest larger size,
/// with an inclusion proof of line `count - 1` under it so the position is still provable.
///
/// The note is the copy first appended to `DIR/checkpoints` (log signature only, no witness
/// cosignatures), so the same position always gives the same bytes.
///
/// ```swift
/// if let anchor = try ledger.anchor(count: 42) {
///     anchor.checkpoint.size   // 42, or the next size a checkpoint was issued at
///     anchor.lastLineProof     // nil when the size is exactly 42
/// }
/// ```
public struct CheckpointAnchor: Sendable, Hashable {
    public var checkpoint: Checkpoint
    /// The signed note text, as first issued.
    public var note: String
    /// When `checkpoint.size` is larger than the count: the proof of the last counted line under it.
    public var lastLineProof: InclusionProof?

    public init(checkpoint: Checkpoint, note: String, lastLineProof: InclusionProof?) {
        self.checkpoint = checkpoint
        self.note = note
        self.lastLineProof = lastLineProof
    }
}

extension Ledger {
    /// The anchor of the first `count` lines, or nil when no checkpoint of `count` lines or more
    /// was ever issued (a ledger older than checkpoints: `mutual repair --hashes` issues one).
    /// The checkpoint's signature is checked; the proof comes from the hash store, checked
    /// against the checkpoint's root.
    public func anchor(count: Int64) throws(LedgerError) -> CheckpointAnchor? {
        try directory.requireExisting()
        let log = try LogFile.open(directory.events, writable: false)
        try log.lockShared(timeout: lockTimeout)
        defer { log.unlock() }
        guard let text = try firstCheckpointNote(covering: count) else { return nil }
        let (checkpoint, _) = try Self.openCheckpoint(Array(text.utf8), verifier: logVerifierKey(log))
        guard checkpoint.size != count else { return CheckpointAnchor(checkpoint: checkpoint, note: text, lastLineProof: nil) }
        let proofs = try inclusionProofs(seqs: [count - 1], checkpoint: checkpoint, note: text)
        return CheckpointAnchor(checkpoint: checkpoint, note: text, lastLineProof: proofs[count - 1])
    }

    /// Inclusion proofs of `seqs` under the anchor's checkpoint, from the hash store.
    ///
    /// ```swift
    /// let proofs = try ledger.inclusionProofs(seqs: [7, 9], under: anchor)   // [7: proof, 9: proof]
    /// ```
    public func inclusionProofs(seqs: [Int64], under anchor: CheckpointAnchor) throws(LedgerError) -> [Int64: InclusionProof] {
        try directory.requireExisting()
        let log = try LogFile.open(directory.events, writable: false)
        try log.lockShared(timeout: lockTimeout)
        defer { log.unlock() }
        return try inclusionProofs(seqs: seqs, checkpoint: anchor.checkpoint, note: anchor.note)
    }

    private func inclusionProofs(seqs: [Int64], checkpoint: Checkpoint, note: String) throws(LedgerError) -> [Int64: InclusionProof] {
        let store = try openStore(covering: checkpoint.size)
        guard try store.root(size: checkpoint.size) == checkpoint.root else {
            throw LedgerError(.transparency, "the hashes file does not match the checkpoint at size \(checkpoint.size); run `mutual verify`, then `mutual repair --hashes`")
        }
        var proofs: [Int64: InclusionProof] = [:]
        for seq in seqs {
            guard seq >= 0, seq < checkpoint.size else {
                throw LedgerError(.usage, "seq \(seq) is not in the tree of size \(checkpoint.size); cite seqs from 0 to \(checkpoint.size - 1)")
            }
            let leaf = try store.readHashes([Merkle.storedHashIndex(level: 0, n: seq)])[0]
            let hashes = try Merkle.proveInclusion(index: seq, size: checkpoint.size, reader: store)
            proofs[seq] = InclusionProof(index: seq, size: checkpoint.size, leafHash: leaf, hashes: hashes, checkpoint: note)
        }
        return proofs
    }

    /// The note text of the first checkpoint issued at `count`, else at the smallest size above it.
    private func firstCheckpointNote(covering count: Int64) throws(LedgerError) -> String? {
        guard FileManager.default.fileExists(atPath: directory.checkpoints.path) else { return nil }
        let file = try LogFile.open(directory.checkpoints, writable: false)
        var best: (size: Int64, note: String)?
        var index = 0
        try file.forEachLine(upTo: try file.size()) { (_, raw) throws(LedgerError) -> Bool in
            index += 1
            let value = try JSONValue(parsing: raw)
            guard let size = value["size"]?.integerValue, let note = value["note"]?.stringValue else {
                throw LedgerError(.transparency, "line \(index) of checkpoints has no \"size\" or \"note\"; run `mutual verify`, then `mutual repair --hashes`")
            }
            if size >= count, size < (best?.size ?? Int64.max) { best = (size, note) }
            return best?.size != count
        }
        return best?.note
    }

    /// Confirms that `checkpoint` (already signature-checked) is a tree of this ledger as it stands:
    /// no larger than the latest signed checkpoint, the hash store has its root at its size and is
    /// consistent with the latest checkpoint (an RFC 9162 consistency proof is made and checked),
    /// and the log's first `checkpoint.size` lines hash to its root (one pass over them). Returns
    /// the bytes of the lines `seqs` (without newlines) read on the way.
    ///
    /// ```swift
    /// let lines = try ledger.confirmTree(checkpoint, collecting: [7])   // lines[7]: the bytes of seq 7
    /// ```
    public func confirmTree(_ checkpoint: Checkpoint, collecting seqs: Set<Int64> = []) throws(LedgerError) -> [Int64: [UInt8]] {
        try directory.requireExisting()
        let log = try LogFile.open(directory.events, writable: false)
        try log.lockShared(timeout: lockTimeout)
        defer { log.unlock() }
        let latest = try latestCheckpoint(log).checkpoint
        guard checkpoint.size <= latest.size else {
            throw LedgerError(.transparency, "the checkpoint has size \(checkpoint.size) but the ledger's latest has \(latest.size); it is from a longer copy of this log, not this ledger")
        }
        let store = try openStore(covering: latest.size)
        guard try store.root(size: latest.size) == latest.root else {
            throw LedgerError(.transparency, "the hashes file does not match the latest checkpoint; run `mutual verify`, then `mutual repair --hashes`")
        }
        guard try store.root(size: checkpoint.size) == checkpoint.root else {
            throw LedgerError(.transparency, "the ledger's tree at size \(checkpoint.size) has another root than the checkpoint; the log was rewritten since, or the checkpoint is from another copy of it")
        }
        let proof = try Merkle.proveConsistency(from: checkpoint.size, to: latest.size, reader: store)
        try Merkle.checkConsistency(proof: proof, from: checkpoint.size, to: latest.size, oldRoot: checkpoint.root, newRoot: latest.root)
        var tree = MerkleAccumulator()
        var lines: [Int64: [UInt8]] = [:]
        try log.forEachLine(upTo: try log.size()) { (_, raw) throws(LedgerError) -> Bool in
            guard tree.size < checkpoint.size else { return false }
            if seqs.contains(tree.size) { lines[tree.size] = Array(raw) }
            tree.append(Merkle.leafHash(raw))
            return true
        }
        guard tree.size == checkpoint.size, tree.root == checkpoint.root else {
            throw LedgerError(.transparency, "the log's first \(checkpoint.size) lines do not hash to the checkpoint's root; the log was changed: run `mutual verify`")
        }
        return lines
    }
}
