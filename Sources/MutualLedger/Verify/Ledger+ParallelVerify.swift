extension Ledger {
    /// ``verify(progress:)`` with the Ed25519 checks spread over `jobs` worker threads (1: the
    /// sequential pass itself). Everything that depends on order stays on the calling thread and
    /// in order; the report, including the first failure (lowest seq, same message), is the one
    /// the sequential pass gives.
    /// `batchSize`: lines per batch handed to a worker.
    public func verify(jobs: Int, batchSize: Int = 256, progress: ((Int, Int64) -> Void)? = nil,
                       finished: ((LedgerFold<Rules>, MerkleAccumulator, Int64) -> Void)? = nil) throws(LedgerError) -> VerificationReport {
        try verify(jobs: jobs, batchSize: batchSize, progress: progress, spill: fullPassSpill(prefix: "verify-"), finished: finished)
    }

    /// ``verify(jobs:batchSize:progress:finished:)`` keeping the fold's growing parts on disk through `spill` (``FoldSpill``).
    func verify(jobs: Int, batchSize: Int = 256, progress: ((Int, Int64) -> Void)?, spill: FoldSpill?,
                finished: ((LedgerFold<Rules>, MerkleAccumulator, Int64) -> Void)?) throws(LedgerError) -> VerificationReport {
        guard jobs > 1 else { return try verify(progress: progress, spill: spill, finished: finished) }
        try directory.requireExisting()
        let log = try LogFile.open(directory.events, writable: false)
        var (end, tree) = try stableView(log)
        var fold = LedgerFold(rules: rules)
        var failure: LedgerError?
        var consumed: Int64 = 0
        let workers = SignatureWorkers(jobs: jobs)
        var batch: [SignatureWorkers.Item] = []
        batch.reserveCapacity(max(1, batchSize))
        try log.forEachLine(upTo: end) { (offset, raw) throws(LedgerError) -> Bool in
            consumed = offset + Int64(raw.count) + 1
            let seq = fold.count
            do throws(LedgerError) {
                let line = try LedgerLine(bytes: raw)
                batch.append(try fold.admitDeferringSignature(line, bytes: raw, seq: seq))
                tree.append(raw)
            } catch {
                failure = error.seq == nil ? error.at(seq) : error
                return false
            }
            spill?.admitted(&fold)
            if batch.count >= batchSize {
                workers.submit(batch)
                batch.removeAll(keepingCapacity: true)
                if workers.firstFailure != nil { return false }
            }
            if let progress, fold.count % 4096 == 0 { progress(fold.count, consumed) }
            return true
        }
        workers.submit(batch)
        let bad = workers.finish()
        try spill?.checkReads()
        if let bad, bad.seq <= failure?.seq ?? Int.max {
            return VerificationReport(verified: bad.seq, lastHash: bad.prev,
                                      failure: LedgerFold<Rules>.signatureFailure(bad.author, seq: bad.seq))
        }
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
}
