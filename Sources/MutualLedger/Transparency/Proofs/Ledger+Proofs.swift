import Foundation

extension Ledger {
    /// The inclusion proof of line `seq` in the tree of `size` lines (default: the latest
    /// checkpoint's size), with the signed checkpoint issued at that size. Reads O(log n) stored
    /// hashes and the checkpoint history; never the log's lines.
    ///
    /// ```swift
    /// let proof = try ledger.proveInclusion(seq: 2)
    /// print(proof.json.canonicalString)
    /// ```
    public func proveInclusion(seq: Int64, size: Int64? = nil) throws(LedgerError) -> InclusionProof {
        try withProofSources(size: size) { (store, note, checkpoint) throws(LedgerError) in
            guard seq >= 0, seq < checkpoint.size else {
                throw LedgerError(.usage, "seq \(seq) is not in the tree of size \(checkpoint.size); give a seq from 0 to \(checkpoint.size - 1), or a larger --size")
            }
            let leaf = try store.readHashes([Merkle.storedHashIndex(level: 0, n: seq)])[0]
            let hashes = try Merkle.proveInclusion(index: seq, size: checkpoint.size, reader: store)
            return InclusionProof(index: seq, size: checkpoint.size, leafHash: leaf, hashes: hashes, checkpoint: String(decoding: note.bytes, as: UTF8.self))
        }
    }

    /// The consistency proof from size `from` to size `to` (default: the latest checkpoint's size),
    /// with the signed checkpoint issued at `to`.
    ///
    /// ```swift
    /// let proof = try ledger.proveConsistency(from: 5)
    /// ```
    public func proveConsistency(from: Int64, to: Int64? = nil) throws(LedgerError) -> ConsistencyProof {
        try withProofSources(size: to) { (store, note, checkpoint) throws(LedgerError) in
            guard from >= 0, from <= checkpoint.size else {
                throw LedgerError(.usage, "--from \(from) is not between 0 and the target size \(checkpoint.size); give a smaller --from or a larger --to")
            }
            let hashes = try Merkle.proveConsistency(from: from, to: checkpoint.size, reader: store)
            return ConsistencyProof(from: from, to: checkpoint.size, hashes: hashes, checkpoint: String(decoding: note.bytes, as: UTF8.self))
        }
    }

    /// The signed checkpoint issued at exactly `size` (default: the latest), verified by the log key.
    /// Its latest copy (DIR/checkpoint, which may carry cosignatures) is preferred.
    public func checkpointNote(size: Int64? = nil) throws(LedgerError) -> (checkpoint: Checkpoint, note: SignedNote) {
        try directory.requireExisting()
        let log = try LogFile.open(directory.events, writable: false)
        try log.lockShared(timeout: lockTimeout)
        defer { log.unlock() }
        return try checkpointNote(log, size: size)
    }

    func checkpointNote(_ log: LogFile, size: Int64?) throws(LedgerError) -> (checkpoint: Checkpoint, note: SignedNote) {
        let latest = try latestCheckpoint(log)
        guard let size, size != latest.checkpoint.size else { return latest }
        let verifier = try logVerifierKey(log)
        var sizes: [Int64] = []
        for note in try issuedCheckpoints() {
            let checkpoint = try Checkpoint.parse(note.text)
            if checkpoint.size == size { return try Self.openCheckpoint(note.bytes, verifier: verifier) }
            sizes.append(checkpoint.size)
        }
        let below = sizes.filter { $0 < size && size < latest.checkpoint.size }.max().map { " --size \($0) (the largest below) or" } ?? ""
        throw LedgerError(.usage, "no checkpoint was issued at size \(size) (checkpoints exist only at the sizes after each append); use\(below) --size \(latest.checkpoint.size) (the latest)")
    }

    /// Runs `body` under the shared lock with the hash store and the checkpoint at `size`,
    /// after checking that the store agrees with that checkpoint.
    private func withProofSources<T>(size: Int64?, _ body: (HashStore, SignedNote, Checkpoint) throws(LedgerError) -> T) throws(LedgerError) -> T {
        try directory.requireExisting()
        let log = try LogFile.open(directory.events, writable: false)
        try log.lockShared(timeout: lockTimeout)
        defer { log.unlock() }
        let (checkpoint, note) = try checkpointNote(log, size: size)
        let store = try openStore(covering: checkpoint.size)
        guard try store.root(size: checkpoint.size) == checkpoint.root else {
            throw LedgerError(.transparency, "the hashes file does not match the checkpoint at size \(checkpoint.size); run `mutual verify`, then `mutual repair --hashes`")
        }
        return try body(store, note, checkpoint)
    }

    /// The hash store, read-only, if it covers at least `size` leaves.
    func openStore(covering size: Int64) throws(LedgerError) -> HashStore {
        let store: HashStore
        do {
            store = try HashStore(url: directory.hashes, readOnly: true)
        } catch {
            throw LedgerError(.transparency, "the hashes file cannot be read (\(error.message)); run `mutual repair --hashes`")
        }
        guard store.count >= size else {
            throw LedgerError(.transparency, "the hashes file covers \(store.count) lines, fewer than the checkpoint's \(size); run `mutual repair --hashes`")
        }
        return store
    }
}
