import Foundation

extension Ledger {
    /// Verifies the whole log in one streaming pass: each line canonical and well formed, seq
    /// contiguous, the prev chain, each signature under a key enrolled and not revoked at that
    /// point, event ids unique, genesis well formed, and the vocabulary's rules. Stops at the
    /// first failure. Throws only when the ledger cannot be read at all.
    ///
    /// `progress` is called now and then with the number of lines verified and bytes read;
    /// `finished`, only when the log verifies, with the fold, the Merkle tree and the end offset
    /// reached (what the verified watermark saves).
    public func verify(progress: ((Int, Int64) -> Void)? = nil,
                       finished: ((LedgerFold<Rules>, MerkleAccumulator, Int64) -> Void)? = nil) throws(LedgerError) -> VerificationReport {
        try verify(progress: progress, spill: fullPassSpill(prefix: "verify-"), finished: finished)
    }

    /// ``verify(progress:finished:)`` keeping the fold's growing parts on disk through `spill` (``FoldSpill``).
    func verify(progress: ((Int, Int64) -> Void)?, spill: FoldSpill?,
                finished: ((LedgerFold<Rules>, MerkleAccumulator, Int64) -> Void)?) throws(LedgerError) -> VerificationReport {
        try directory.requireExisting()
        let log = try LogFile.open(directory.events, writable: false)
        var (end, tree) = try stableView(log)
        var fold = LedgerFold(rules: rules)
        var failure: LedgerError?
        var consumed: Int64 = 0
        try log.forEachLine(upTo: end) { (offset, raw) throws(LedgerError) -> Bool in
            consumed = offset + Int64(raw.count) + 1
            do throws(LedgerError) {
                let line = try LedgerLine(bytes: raw)
                try fold.admit(line, raw: raw, checkSignature: true)
                tree.append(raw)
            } catch {
                failure = error.seq == nil ? error.at(fold.count) : error
                return false
            }
            spill?.admitted(&fold)
            if let progress, fold.count % 4096 == 0 { progress(fold.count, consumed) }
            return true
        }
        try spill?.checkReads()
        if failure == nil {
            if consumed < end {
                failure = LedgerError(.tornTail, "the log ends with \(end - consumed) bytes of an incomplete line (an interrupted write?); run `mutual repair` to move them aside", seq: fold.count)
            } else if fold.count == 0 {
                failure = LedgerError(.invalidFormat, "the log is empty; it has no genesis line", seq: 0)
            } else {
                failure = tree.finish(registry: fold.registry)
            }
        }
        if failure == nil { finished?(fold, tree.tree, consumed) }
        return VerificationReport(verified: fold.count, lastHash: fold.lastHash, failure: failure)
    }

    /// A ``FoldSpill`` for a pass over the whole log, in `DIR/cache` (or a temporary folder), sized
    /// by the hash store's leaf count (or the log's size when there is no store).
    func fullPassSpill(prefix: String, budget: Int = FoldSpill.defaultBudget, preferring folder: URL? = nil) -> FoldSpill {
        var expected = 1024
        if let store = try? HashStore(url: directory.hashes, readOnly: true) {
            expected = Int(store.count)
        } else if let size = (try? FileManager.default.attributesOfItem(atPath: directory.events.path)[.size] as? NSNumber)?.int64Value {
            expected = Int(size / 512)
        }
        return FoldSpill(preferring: folder ?? directory.cache, prefix: prefix, expected: max(1024, expected + 1024), budget: budget)
    }

    /// Under one brief shared lock: where the last complete line ends, and the hash store and
    /// checkpoints as they stood then. A writer appends the log, then the store, then the
    /// checkpoint under its exclusive lock, so reading them at different moments would see
    /// checkpoints ahead of the log (a false "rolled back") while others are appending.
    func stableView(_ log: LogFile) throws(LedgerError) -> (end: Int64, tree: TreeCheck) {
        try log.lockShared(timeout: lockTimeout)
        defer { log.unlock() }
        let end = try log.size()
        return (end, TreeCheck(ledger: self))
    }
}
