import Dispatch
import Foundation

/// What happened to one event handed to ``Ledger/append(_:)``.
public enum AppendOutcome: Sendable, Equatable {
    /// Newly written at this seq.
    case appended(seq: Int)
    /// The identical signed event was already in the log at this seq (idempotent submit).
    case alreadyRecorded(seq: Int)

    public var seq: Int {
        switch self {
        case .appended(let seq), .alreadyRecorded(let seq): return seq
        }
    }
}

extension Ledger {
    /// Appends signed events as one batch: all are checked first (signatures, keys, ids, rules,
    /// each against the log as it will stand before it), then written with one `write` and one
    /// `fsync` under the exclusive lock. If any is refused, nothing is written.
    ///
    /// An event identical to one already in the log is reported as ``AppendOutcome/alreadyRecorded(seq:)``;
    /// a different event that reuses an id is refused.
    public func append(_ events: [SignedEvent]) throws(LedgerError) -> [AppendOutcome] {
        try append(encoded: EncodedEvent.encodeAll(events))
    }

    /// ``append(_:)`` of events already encoded (e.g. read by ``EncodedEvent/parseLines(_:)``):
    /// each event's signature is checked over, and its line built around, the bytes encoded once.
    public func append(encoded events: [EncodedEvent]) throws(LedgerError) -> [AppendOutcome] {
        try append(encoded: events, spillBudget: FoldSpill.defaultBudget)
    }

    /// ``append(encoded:)`` rebuilding a missing cache with its fold spilled every `spillBudget` entries (``FoldSpill``).
    func append(encoded events: [EncodedEvent], spillBudget: Int) throws(LedgerError) -> [AppendOutcome] {
        try directory.requireExisting()
        let log = try LogFile.open(directory.events, writable: true)
        try log.lockExclusive(timeout: lockTimeout)
        defer { log.unlock() }
        var (fold, end, spill) = try currentFold(log, spillBudget: spillBudget, batch: events.count)
        let previousCount = fold.count
        var ids = BatchIDs(events.map(\.signed.event.id), fold: fold)
        let recorded = try recordedEvents(log, for: events, ids: ids)
        var outcomes: [AppendOutcome] = []
        outcomes.reserveCapacity(events.count)
        // Lines and their hash chain are built by `chain` beside the checks; the fold's lastHash
        // stays stale meanwhile (nothing checked reads it) and is restored after the batch.
        let chain = LineChain(end: end, prev: fold.lastHash, lines: events.count)
        defer { chain.cancel() }
        // The index in `events` of the event appended at seq `previousCount + k`.
        var appendedIndex: [Int] = []
        // Large batches (submit, import) check signatures on all cores, the rest in order.
        let signatures = events.count >= BatchSignatures.minimumBatch ? BatchSignatures() : nil
        for (index, encoded) in events.enumerated() {
            let signed = encoded.signed
            if let seq = ids.earlier(index) {
                let existing = seq >= previousCount ? events[appendedIndex[seq - previousCount]].signed : recorded[seq]
                if existing == signed {
                    outcomes.append(.alreadyRecorded(seq: seq))
                    continue
                }
                if let (earlier, failure) = signatures?.earlierFailure(before: index) {
                    throw Self.refusal(failure, index: earlier, of: events.count)
                }
                throw Self.refusal(LedgerError(.validation, "event id \(signed.event.id) is already used at seq \(seq) by a different event; sign the event again with a new id"), index: index, of: events.count)
            }
            let line = encoded.line(seq: fold.count, prev: fold.lastHash)
            do throws(LedgerError) {
                if let signatures {
                    try signatures.check(line, index: index, fold: fold)
                } else {
                    try fold.check(line, checkSignature: true)
                }
            } catch {
                if let (earlier, failure) = signatures?.earlierFailure(before: index) {
                    throw Self.refusal(failure, index: earlier, of: events.count)
                }
                throw Self.refusal(error, index: index, of: events.count)
            }
            chain.add(encoded, seq: line.seq)
            fold.apply(line, hash: fold.lastHash)
            ids.added(index, seq: line.seq)
            appendedIndex.append(index)
            outcomes.append(.appended(seq: line.seq))
        }
        if let signatures, let (index, error) = signatures.finish() {
            throw Self.refusal(error, index: index, of: events.count)
        }
        try spill?.checkReads()
        let (pending, lastHash) = chain.finish()
        try commit(pending, log: log, fold: fold.withLastHash(lastHash), previousCount: previousCount, spill: spill)
        return outcomes
    }

    /// Writes a checked batch: one `write` and one `fsync` of the lines, then the cache, one hash
    /// store update and one checkpoint. Nothing is written for an empty batch.
    /// With `spill` (the fold was rebuilt from the whole log), its tables become the append cache's
    /// tables once the lines are in (``FoldSpill/move(_:into:)``): nothing is written twice.
    func commit(_ pending: PendingLines, log: LogFile, fold: LedgerFold<Rules>, previousCount: Int,
                spill: FoldSpill? = nil) throws(LedgerError) {
        guard !pending.isEmpty else { return }
        // The checkpoint after the write needs the log key: find a missing or too readable one
        // now, while nothing is written, rather than after the lines are in.
        let logKey = try SigningKey.load(from: directory.logKey)
        let leafHashes = pending.leafHashes
        try log.append(pending.bytes)
        var moved = fold
        if let spill, (try? FileManager.default.createDirectory(at: directory.cache, withIntermediateDirectories: true)) != nil {
            _ = spill.move(&moved, into: LedgerSnapshot<Rules>.tables(directory))
        }
        // The cache and the hash store + checkpoint are separate files: written side by side, once the lines are in.
        let directory = directory
        let fold = moved
        let lastOffset = pending.lastOffset, end = pending.end + Int64(pending.bytes.count)
        let saving = DispatchGroup()
        DispatchQueue.global().async(group: saving) {
            LedgerSnapshot<Rules>.save(fold, lastOffset: lastOffset, end: end, directory: directory)
        }
        defer { saving.wait() }
        do throws(LedgerError) {
            try updateTransparency(log, origin: fold.registry.origin ?? "", logKey: logKey, previousCount: previousCount, leafHashes: leafHashes)
        } catch {
            throw LedgerError(.io, "recorded seq \(previousCount)…\(fold.count - 1), but the hash store or checkpoint could not be updated (\(error.message)); run `mutual repair`")
        }
    }

    /// Checks events as ``append(_:)`` would, without writing anything.
    public func check(_ events: [SignedEvent]) throws(LedgerError) {
        try withCurrentState { (start: LedgerFold<Rules>) throws(LedgerError) in
            var fold = start
            for (index, signed) in events.enumerated() {
                let encoded = EncodedEvent(signed)
                let line = encoded.line(seq: fold.count, prev: fold.lastHash)
                do throws(LedgerError) {
                    try fold.check(line, checkSignature: true)
                } catch {
                    throw Self.refusal(error, index: index, of: events.count)
                }
                fold.apply(line, hash: LedgerLine.hash(of: encoded.lineBytes(seq: line.seq, prev: line.prev)))
            }
        }
    }

    /// A refused new event is bad input (exit 65), not a damaged ledger: re-code the integrity
    /// failures, drop the would-be seq, and name the event's place in a batch.
    static func refusal(_ error: LedgerError, index: Int, of count: Int) -> LedgerError {
        refusal(error, label: count > 1 ? "event \(index + 1) of \(count)" : nil)
    }

    /// ``refusal(_:index:of:)`` with the caller's own name for the event (e.g. `row 7` of an import).
    public static func refusal(_ error: LedgerError, label: String?) -> LedgerError {
        let code: LedgerError.Code
        switch error.code {
        case .unknownKey: code = .unauthorized
        case .invalidSignature, .brokenChain, .invalidFormat, .nonCanonical: code = .validation
        default: code = error.code
        }
        let message = label.map { "\($0): \(error.message)" } ?? error.message
        var refused = LedgerError(code, message)
        refused.underlying = error.underlying
        return refused
    }

    /// The fold as of the log's last complete line, refusing a log that does not verify.
    /// Writes nothing: the cache is saved only by a successful append, so a refused command leaves
    /// every file of the ledger byte-identical. See ``replay(_:from:upTo:spill:)`` for what is checked.
    func currentFold(_ log: LogFile) throws(LedgerError) -> (LedgerFold<Rules>, Int64) {
        let (fold, end, _) = try currentFold(log, spillBudget: FoldSpill.defaultBudget)
        return (fold, end)
    }

    /// ``currentFold(_:)``; without a cache snapshot that matches the log, the whole log is replayed
    /// with its fold spilled every `spillBudget` entries, and the spill is returned: keep it while
    /// the fold is in use (its tables are read through), and hand it to ``commit(_:log:fold:previousCount:spill:)``.
    /// The spill's private folder (`DIR/cache/spill-PID-*`) is removed when it is released.
    /// `batch`: how many events the caller is about to check (sizes the cache's lookups, ``LedgerSnapshot/load(_:log:rules:lookups:)``).
    func currentFold(_ log: LogFile, spillBudget: Int, batch: Int = 0) throws(LedgerError) -> (LedgerFold<Rules>, Int64, FoldSpill?) {
        let end: Int64
        switch try log.tail() {
        case .empty:
            throw LedgerError(.invalidFormat, "the log \(log.url.path) is empty; it has no genesis line, so create the ledger anew with `mutual init`")
        case .torn(let validEnd, let size):
            throw LedgerError(.tornTail, "the log ends with \(size - validEnd) bytes of an incomplete line (an interrupted write?); run `mutual repair` to move them aside")
        case .complete(let last):
            end = last.end
        }
        let cached = LedgerSnapshot<Rules>.load(directory, log: log, rules: rules, lookups: batch).flatMap { $0.end <= end ? $0 : nil }
        let spill = cached == nil ? fullPassSpill(prefix: "\(Rules.name)-", budget: spillBudget) : nil
        return (try replay(log, from: cached, upTo: end, spill: spill), end, spill)
    }

    /// The signed events already in the log whose ids events of the batch reuse, by seq: read in
    /// one scan of the log (only for idempotent resubmissions; nothing is read when there are none).
    func recordedEvents(_ log: LogFile, for events: [EncodedEvent], ids: BatchIDs) throws(LedgerError) -> [Int: SignedEvent] {
        var wanted = Set<Int>()
        for index in events.indices {
            if let seq = ids.stored(index) { wanted.insert(seq) }
        }
        guard let last = wanted.max() else { return [:] }
        var found: [Int: SignedEvent] = [:]
        var index = 0
        try log.forEachLine(upTo: try log.size()) { (_, raw) throws(LedgerError) -> Bool in
            if wanted.contains(index) { found[index] = try LedgerLine(bytes: raw).signed }
            index += 1
            return index <= last
        }
        return found
    }
}
