import Foundation

extension Ledger {
    /// Verifies the ledger and keeps the verified watermark (`DIR/cache/verified-RULES.json`).
    ///
    /// Without `sinceWatermark` this is ``verify(jobs:batchSize:progress:finished:)``, the whole
    /// log, and a valid log moves the watermark to its end. With it, a watermark that still matches
    /// the log (the line it names at its offset with its hash, its tables, the checkpoints and hash
    /// store it verified) restores the fold and tree as they stood there and only the lines after
    /// it are checked, each exactly as the full pass checks it; Merkle peaks at the watermark plus
    /// the new leaves must reproduce every checkpoint issued since, and checkpoints issued before
    /// must be prefixes of that tree. A watermark that does not match is not trusted: the whole log
    /// is verified, and then held to the checkpoint the watermark remembers (a log smaller than it,
    /// or with another root at its size, was rolled back or forked).
    ///
    /// Writing the watermark is best effort: a read-only or unwritable `DIR/cache`, or another run
    /// writing it at the same moment, never fails the verification. A failing run writes nothing.
    public func verify(sinceWatermark: Bool, jobs: Int, progress: ((Int, Int64) -> Void)? = nil) throws(LedgerError) -> WatermarkVerification {
        try verify(sinceWatermark: sinceWatermark, jobs: jobs, progress: progress, spillBudget: FoldSpill.defaultBudget)
    }

    /// ``verify(sinceWatermark:jobs:progress:)`` with a full pass that spills its fold every `spillBudget` entries (``FoldSpill``).
    func verify(sinceWatermark: Bool, jobs: Int, progress: ((Int, Int64) -> Void)?, spillBudget: Int) throws(LedgerError) -> WatermarkVerification {
        try directory.requireExisting()
        var reason: String?
        var remembered: VerifiedWatermark<Rules>?
        if sinceWatermark {
            switch Result(catching: { () throws(WatermarkMismatch) in try VerifiedWatermark<Rules>.read(directory) }) {
            case .failure(let mismatch):
                reason = mismatch.reason
            case .success(let mark):
                remembered = mark
                switch try verifyResumed(mark, jobs: jobs, progress: progress) {
                case .failure(let mismatch):
                    reason = mismatch.reason
                case .success(let run):
                    var saved: Int?
                    if run.report.isValid {
                        saved = saveWatermark(run.fold, tree: run.tree, end: run.end, latest: run.latest, checkpoints: run.checkpoints)
                    }
                    return WatermarkVerification(report: run.report, linesChecked: run.linesChecked, resumedFrom: mark.count,
                                                 fullReason: nil, watermark: saved)
                }
            }
        }
        let checkpointsBefore = (try? FileManager.default.attributesOfItem(atPath: directory.checkpoints.path)[.size] as? NSNumber)?.int64Value ?? 0
        var finished: (fold: LedgerFold<Rules>, tree: MerkleAccumulator, end: Int64)?
        let spill = fullPassSpill(prefix: "verified-", budget: spillBudget)
        var report = try verify(jobs: jobs, progress: progress, spill: spill) { finished = ($0, $1, $2) }
        var saved: Int?
        if report.isValid, let (fold, tree, end) = finished {
            if let remembered, let failure = heldToRememberedCheckpoint(remembered, fold: fold, tree: tree) {
                report.failure = failure
            } else {
                let latest = try? SignedNote.parse(FileIO.readSmallFile(directory.checkpoint, limit: SignedNote.maxBytes, what: "checkpoint"))
                saved = saveWatermark(fold, tree: tree, end: end, latest: latest, checkpoints: checkpointsPosition(upTo: checkpointsBefore),
                                      spill: spill)
            }
        }
        return WatermarkVerification(report: report, linesChecked: finished?.fold.count ?? report.verified, resumedFrom: nil,
                                     fullReason: reason, watermark: saved)
    }

    /// A watermark holds a checkpoint that verified once. If it is signed by this log's key, the
    /// log (now fully verified) must still contain it: not fewer lines (rollback), the same root at
    /// its size (fork). A note that does not verify under the log key proves nothing and is ignored.
    func heldToRememberedCheckpoint(_ mark: VerifiedWatermark<Rules>, fold: LedgerFold<Rules>, tree: MerkleAccumulator) -> LedgerError? {
        guard let text = mark.checkpoint,
              let origin = fold.registry.origin, let keyText = fold.registry.logKey,
              let key = try? PublicKey(base64: keyText),
              let verifier = try? NoteVerifierKey(name: origin, publicKey: key.key),
              let (checkpoint, _) = try? Self.openCheckpoint(Array(text.utf8), verifier: verifier) else { return nil }
        let source = "the checkpoint the verified watermark remembers (\(VerifiedWatermark<Rules>.url(directory).lastPathComponent))"
        guard checkpoint.size <= tree.size else {
            return LedgerError(.transparency, "\(source) covers \(checkpoint.size) lines but the log has \(tree.size); the log was cut back (rolled back) after it was verified: keep that checkpoint as evidence")
        }
        guard let root = rootOfLog(size: checkpoint.size, tree: tree), root == checkpoint.root else {
            return LedgerError(.transparency, "\(source) (size \(checkpoint.size)) does not match the log's Merkle root; the log forked (was rewritten) after it was verified: keep that checkpoint as evidence")
        }
        return nil
    }

    /// The root of the log's first `size` leaves, after a full pass that compared every stored hash
    /// with the log: from the hash store when it covers them, else from the log itself.
    func rootOfLog(size: Int64, tree: MerkleAccumulator) -> MerkleHash? {
        if size == tree.size { return tree.root }
        if let store = try? HashStore(url: directory.hashes, readOnly: true), store.count >= size {
            return try? store.root(size: size)
        }
        guard let log = try? LogFile.open(directory.events, writable: false), let end = try? log.size() else { return nil }
        var prefix = MerkleAccumulator()
        try? log.forEachLine(upTo: end) { (_, raw) throws(LedgerError) -> Bool in
            prefix.append(Merkle.leafHash(raw))
            return prefix.size < size
        }
        return prefix.size == size ? prefix.root : nil
    }

    /// Where `DIR/checkpoints` stood at `size` bytes (a size read before the full pass, so every
    /// line below it was among those the pass verified).
    func checkpointsPosition(upTo size: Int64) -> CheckpointsPosition {
        var position = CheckpointsPosition()
        guard size > 0, let file = try? LogFile.open(directory.checkpoints, writable: false) else { return position }
        try? file.forEachLine(upTo: size) { (offset, raw) throws(LedgerError) -> Bool in
            position.count += 1
            position.lastOffset = offset
            position.end = offset + Int64(raw.count) + 1
            return true
        }
        if position.count > 0, let last = try? file.read(at: position.lastOffset, count: Int(position.end - position.lastOffset)) {
            position.lastHash = LedgerLine.hash(of: last)
        }
        return position
    }

    /// Saves the watermark at `end` (tables, then the JSON); the line count saved, or nil if it could not be written.
    /// With `spill`, the fold's tables are moved from the spill folder to the watermark's names first
    /// (``FoldSpill/move(_:into:)``), so they are not written again.
    func saveWatermark(_ fold: LedgerFold<Rules>, tree: MerkleAccumulator, end: Int64, latest: SignedNote?,
                       checkpoints: CheckpointsPosition, spill: FoldSpill? = nil) -> Int? {
        // Only one run writes at a time; the other one (or a read-only DIR/cache) writes nothing.
        let lock = FileLock(url: VerifiedWatermark<Rules>.lockURL(directory), createFolder: true)
        guard lock.held, let log = try? LogFile.open(directory.events, writable: false),
              let lastOffset = lineStart(log, endingAt: end) else { return nil }
        // Remember the latest checkpoint only if it is the tree just verified (the usual case).
        var note: String?
        if let latest, let checkpoint = try? Checkpoint.parse(latest.text), checkpoint.size == tree.size, checkpoint.root == tree.root {
            note = String(decoding: latest.bytes, as: UTF8.self)
        }
        var fold = fold
        _ = spill?.move(&fold, into: VerifiedWatermark<Rules>.tables(directory))
        do throws(LedgerError) {
            let (state, refs) = try VerifiedWatermark<Rules>.tables(directory).persist(fold, sync: true)
            let mark = VerifiedWatermark<Rules>(
                format: VerifiedWatermark<Rules>.format, rules: Rules.name, rulesVersion: Rules.version, count: fold.count,
                lastHash: fold.lastHash, lastOffset: lastOffset, end: end, registry: fold.registry, state: state, tables: refs,
                peaks: tree.peaks.map(\.base64), checkpoint: note, checkpointsEnd: checkpoints.end, checkpointsCount: checkpoints.count,
                checkpointsLastOffset: checkpoints.lastOffset, checkpointsLastHash: checkpoints.lastHash)
            try mark.write(directory)
            return fold.count
        } catch {
            try? FileManager.default.removeItem(at: VerifiedWatermark<Rules>.url(directory))
            return nil
        }
    }

    /// The offset where the line ending (newline included) at `end` starts.
    func lineStart(_ log: LogFile, endingAt end: Int64) -> Int64? {
        guard end > 0 else { return nil }
        var chunkEnd = end - 1   // skip the line's own newline
        while chunkEnd > 0 {
            let start = max(0, chunkEnd - 65_536)
            guard let bytes = try? log.read(at: start, count: Int(chunkEnd - start)) else { return nil }
            if let newline = bytes.lastIndex(of: 0x0a) { return start + Int64(newline) + 1 }
            chunkEnd = start
        }
        return 0
    }
}
