import Foundation

/// The signature checks of one large ``Ledger/append(_:)`` batch, on worker threads
/// (``SignatureWorkers``), while the calling thread checks everything that depends on order.
/// The event refused is the one the sequential checks would refuse: the first, in batch order,
/// with the first failing check of that event (its signature comes before the vocabulary's rules).
final class BatchSignatures {
    static let minimumBatch = 64
    private let workers = SignatureWorkers(jobs: ProcessInfo.processInfo.activeProcessorCount)
    private var pending: [SignatureWorkers.Item] = []

    /// Checks `line` (event `index` of the batch) as `fold.check(line, checkSignature: true)`
    /// does, leaving its signature to the workers unless another check of it fails.
    func check<Rules>(_ line: LedgerLine, index: Int, fold: LedgerFold<Rules>) throws(LedgerError) {
        try fold.checkChain(line)
        // The caller has already refused or skipped an event whose id is used (``BatchIDs``).
        guard let key = try fold.checkBeforeSignature(line.signed, seq: line.seq, earlier: nil, resolveKey: true) else {
            throw LedgerError(.invalidSignature, "no key to check the signature under", seq: line.seq)
        }
        // `seq` of an item is the event's index in the batch.
        let item = SignatureWorkers.Item(seq: index, key: key, message: line.signingBytes, signature: line.signed.signature,
                                         author: line.event.author, prev: line.prev)
        do throws(LedgerError) {
            try fold.checkAfterSignature(line.event, seq: line.seq)
        } catch {
            let valid = item.signature.count == 64 && item.key.isValidSignature(item.signature, for: item.message)
            throw valid ? error : LedgerFold<Rules>.signatureFailure(item.author, seq: line.seq)
        }
        pending.append(item)
        if pending.count >= 128 {
            workers.submit(pending)
            pending.removeAll(keepingCapacity: true)
        }
    }

    /// After a failed check of event `index`: an earlier event whose signature fails, if any
    /// (the sequential checks would have refused that one first).
    func earlierFailure(before index: Int) -> (Int, LedgerError)? {
        guard let (earlier, error) = finish(), earlier < index else { return nil }
        return (earlier, error)
    }

    /// After the whole batch: the first event whose signature fails, if any.
    func finish() -> (Int, LedgerError)? {
        workers.submit(pending)
        pending.removeAll()
        guard let failure = workers.finish() else { return nil }
        return (failure.seq, LedgerFold<CoreRules>.signatureFailure(failure.author, seq: nil))
    }
}
