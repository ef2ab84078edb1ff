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
        let author = key.id
        for (index, event) in events.enumerated() where event.author != author {
            throw Self.refusal(LedgerError(.usage, "event author \(event.author) is not the signing key \(author); sign with the author's key"),
                               label: label(index))
        }
        try directory.requireExisting()
        let log = try LogFile.open(directory.events, writable: !dryRun)
        if dryRun { try log.lockShared(timeout: lockTimeout) } else { try log.lockExclusive(timeout: lockTimeout) }
        defer { log.unlock() }
        var (fold, end) = try currentFold(log)
        let previousCount = fold.count
        let signer = ParallelSigner(events, key: key)
        defer { signer.cancel() }
        let publicKey = key.publicKey.raw
        var ids = BatchIDs(events.map(\.id), fold: fold)
        let chain = LineChain(end: end, prev: fold.lastHash, lines: events.count)
        defer { chain.cancel() }
        var outcomes: [AppendOutcome] = []
        outcomes.reserveCapacity(events.count)
        for (index, event) in events.enumerated() {
            let seq = fold.count
            do throws(LedgerError) {
                // Only the event is read before the signature check; the signature comes from the signer.
                let unsigned = SignedEvent(event: event, signature: [])
                guard let expected = try fold.checkBeforeSignature(unsigned, seq: seq, earlier: ids.earlier(index), resolveKey: true) else {
                    throw LedgerError(.invalidSignature, "no key to check the signature under", seq: seq)
                }
                guard expected.raw == publicKey else { throw LedgerFold<Rules>.signatureFailure(event.author, seq: seq) }
                try fold.checkAfterSignature(event, seq: seq)
            } catch {
                throw Self.refusal(error, label: label(index))
            }
            let encoded: EncodedEvent
            do throws(LedgerError) {
                encoded = try signer.take(index)
            } catch {
                throw Self.refusal(error, label: label(index))
            }
            // The line and its hash are built by `chain`; the fold's lastHash is restored after the batch.
            chain.add(encoded, seq: seq)
            fold.apply(encoded.line(seq: seq, prev: fold.lastHash), hash: fold.lastHash)
            ids.added(index, seq: seq)
            outcomes.append(.appended(seq: seq))
            if index % 1024 == 1023 { progress?(index + 1) }
        }
        progress?(events.count)
        let (pending, lastHash) = chain.finish()
        if !dryRun { try commit(pending, log: log, fold: fold.withLastHash(lastHash), previousCount: previousCount) }
        return outcomes
    }
}
