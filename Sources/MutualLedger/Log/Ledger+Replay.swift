extension Ledger {
    /// Folds the log up to `end` so that nothing is built on a line that would fail `verify`,
    /// at a cost that does not grow with the log when the cache is fresh:
    ///
    /// - from a cache snapshot (which only a successful, fully checked append writes), the lines
    ///   after it get every check, signatures included;
    /// - without one, every line gets the order checks (seq, chain, keys, ids, rules) and its leaf
    ///   hash is folded into a Merkle tree that must match the latest signed checkpoint at that
    ///   checkpoint's size; signatures are checked for the lines after that checkpoint, which no
    ///   checkpoint vouches for yet.
    ///
    /// With `spill` (a replay from the first line, the append cache missing or stale), the fold's
    /// growing parts go to cache tables as the full `verify` keeps them (``FoldSpill``), so that
    /// rebuilding the cache of a large ledger takes flat memory; ``commit(_:log:fold:previousCount:spill:)``
    /// then moves those tables to the append cache's names.
    func replay(_ log: LogFile, from snapshot: (fold: LedgerFold<Rules>, end: Int64)?, upTo end: Int64,
                spill: FoldSpill? = nil) throws(LedgerError) -> LedgerFold<Rules> {
        var fold = snapshot?.fold ?? LedgerFold(rules: rules)
        let vouched: Checkpoint? = snapshot == nil ? (try? latestCheckpoint(log))?.checkpoint : nil
        var tree = MerkleAccumulator()
        try log.forEachLine(from: snapshot?.end ?? 0, upTo: end) { (_, raw) throws(LedgerError) -> Bool in
            let line: LedgerLine
            do throws(LedgerError) {
                line = try LedgerLine(bytes: raw)
                try fold.check(line, checkSignature: snapshot != nil || Int64(fold.count) >= vouched?.size ?? 0)
            } catch {
                throw LedgerError(error.code, "the ledger fails verification (\(error.message)); run `mutual verify` and restore the log from a backup", seq: error.seq ?? fold.count)
            }
            fold.apply(line, hash: LedgerLine.hash(of: raw))
            spill?.admitted(&fold)
            if let vouched, tree.size < vouched.size {
                tree.append(Merkle.leafHash(raw))
                if tree.size == vouched.size, tree.root != vouched.root {
                    throw LedgerError(.transparency, "the log no longer matches its checkpoint of size \(vouched.size): lines before it were rewritten; run `mutual verify` and restore the log from a backup")
                }
            }
            return true
        }
        try spill?.checkReads()
        if let vouched, tree.size < vouched.size {
            throw LedgerError(.transparency, "the log has \(fold.count) lines but its checkpoint covers \(vouched.size): lines were removed; restore the log from a backup")
        }
        return fold
    }
}
