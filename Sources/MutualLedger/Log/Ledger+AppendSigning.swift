extension Ledger {
    /// Signs `events` with `key` and appends them as one batch (one `write`, one `fsync`, one hash
    /// store update, one checkpoint), or appends nothing: the bulk path of `mutual import`.
    ///
    /// Events are signed on worker threads (one per core) while the calling thread checks them in
    /// order against the log as it will stand before each: ids, the key registry, the vocabulary's
    /// rules and authorisation, exactly as ``append(_:)``. The signatures are not verified again:
    /// they were made here, by `key`, over the bytes written. Instead each event's signing key
    /// must be the key the registry holds for its author at that point (enrolled, not revoked):
    /// otherwise the event is refused with the error a signature check would give.
    ///
    /// Build the events with ``makeEvent(type:schema:body:partnership:occurred:id:author:)``
    /// (author `key.id`). `label(i)` names event `i` in an error (e.g. `row 7`); `progress(n)` is
    /// called on the calling thread every 1024 events checked. With `dryRun`, everything is checked
    /// under a shared lock and nothing is written.
    ///
    /// ```swift
    /// let event = try ledger.makeEvent(type: "note.added", body: ["text": "hi"], author: key.id)
    /// let outcomes = try ledger.appendSigning([event], with: key)   // [.appended(seq: 1)]
    /// ```
    @discardableResult
    public func appendSigning(_ events: [Event], with key: SigningKey, label: (Int) -> String = { "event \($0 + 1)" },
                              dryRun: Bool = false, progress: ((Int) -> Void)? = nil) throws(LedgerError) -> [AppendOutcome] {
        try appendSigning(events, with: key, label: label, dryRun: dryRun, progress: progress, spillBudget: FoldSpill.defaultBudget)
    }

    /// ``appendSigning(_:with:label:dryRun:progress:)`` rebuilding a missing cache with its fold
    /// spilled every `spillBudget` entries (``FoldSpill``).
    func appendSigning(_ events: [Event], with key: SigningKey, label: (Int) -> String, dryRun: Bool,
                       progress: ((Int) -> Void)?, spillBudget: Int) throws(LedgerError) -> [AppendOutcome] {
        try appendSigning(count: events.count, window: max(1, events.count), events: { Array(events[$0]) }, with: key,
                          label: label, dryRun: dryRun, progress: progress, spillBudget: spillBudget)
    }

    /// ``appendSigning(_:with:label:dryRun:progress:)`` of `count` events built a window at a time:
    /// `events(range)` builds the events of `range` (windows of `window` events, in order) when their
    /// turn comes, so that a large import holds one window of events, not all of them. Everything
    /// else is as for one batch: every event is checked before anything is written, the lines wait
    /// in memory and go to the log with one `write` and one `fsync`, or nothing does. An error that
    /// `events` throws stops the batch as it is.
    ///
    /// ```swift
    /// let outcomes = try ledger.appendSigning(count: drafts.count, window: 4096, events: { range in
    ///     try range.map { try ledger.makeEvent(type: "note.added", body: drafts[$0], author: key.id) }
    /// }, with: key)
    /// ```
    public func appendSigning(count: Int, window: Int, events: (Range<Int>) throws(LedgerError) -> [Event], with key: SigningKey,
                              label: (Int) -> String = { "event \($0 + 1)" }, dryRun: Bool = false,
                              progress: ((Int) -> Void)? = nil) throws(LedgerError) -> [AppendOutcome] {
        try appendSigning(count: count, window: window, events: events, with: key, label: label, dryRun: dryRun, progress: progress,
                          spillBudget: FoldSpill.defaultBudget)
    }

    func appendSigning(count: Int, window: Int, events build: (Range<Int>) throws(LedgerError) -> [Event], with key: SigningKey,
                       label: (Int) -> String, dryRun: Bool, progress: ((Int) -> Void)?, spillBudget: Int) throws(LedgerError) -> [AppendOutcome] {
        let author = key.id
        try directory.requireExisting()
        let log = try LogFile.open(directory.events, writable: !dryRun)
        if dryRun { try log.lockShared(timeout: lockTimeout) } else { try log.lockExclusive(timeout: lockTimeout) }
        defer { log.unlock() }
        var (fold, end, spill) = try currentFold(log, spillBudget: spillBudget, batch: count)
        let previousCount = fold.count
        let publicKey = key.publicKey.raw
        let chain = LineChain(end: end, prev: fold.lastHash, lines: count)
        defer { chain.cancel() }
        var outcomes: [AppendOutcome] = []
        outcomes.reserveCapacity(count)
        var first = 0
        while first < count {
            let range = first..<min(count, first + max(1, window))
            let events = try build(range)
            guard events.count == range.count else {
                throw LedgerError(.io, "events \(range.lowerBound + 1)...\(range.upperBound) were not all built; report this as a bug")
            }
            for (offset, event) in events.enumerated() where event.author != author {
                throw Self.refusal(LedgerError(.usage, "event author \(event.author) is not the signing key \(author); sign with the author's key"),
                                   label: label(first + offset))
            }
            let signer = ParallelSigner(events, key: key)
            defer { signer.cancel() }
            // Ids of earlier windows are in the fold by now, so a reuse across windows is caught as within one.
            var ids = BatchIDs(events.map(\.id), fold: fold)
            for (offset, event) in events.enumerated() {
                let index = first + offset
                let seq = fold.count
                do throws(LedgerError) {
                    // Only the event is read before the signature check; the signature comes from the signer.
                    let unsigned = SignedEvent(event: event, signature: [])
                    guard let expected = try fold.checkBeforeSignature(unsigned, seq: seq, earlier: ids.earlier(offset), resolveKey: true) else {
                        throw LedgerError(.invalidSignature, "no key to check the signature under", seq: seq)
                    }
                    guard expected.raw == publicKey else { throw LedgerFold<Rules>.signatureFailure(event.author, seq: seq) }
                    try fold.checkAfterSignature(event, seq: seq)
                } catch {
                    throw Self.refusal(error, label: label(index))
                }
                let encoded: EncodedEvent
                do throws(LedgerError) {
                    encoded = try signer.take(offset)
                } catch {
                    throw Self.refusal(error, label: label(index))
                }
                // The line and its hash are built by `chain`; the fold's lastHash is restored after the batch.
                chain.add(encoded, seq: seq)
                fold.apply(encoded.line(seq: seq, prev: fold.lastHash), hash: fold.lastHash)
                ids.added(offset, seq: seq)
                outcomes.append(.appended(seq: seq))
                if index % 1024 == 1023 { progress?(index + 1) }
            }
            first = range.upperBound
        }
        progress?(count)
        try spill?.checkReads()
        let (pending, lastHash) = chain.finish()
        if !dryRun { try commit(pending, log: log, fold: fold.withLastHash(lastHash), previousCount: previousCount, spill: spill) }
        return outcomes
    }
}
