import Foundation

/// What the resumed pass read under the shared lock, and how far it got.
struct ResumedRun<Rules: LedgerRules> {
    var report: VerificationReport
    var fold: LedgerFold<Rules>
    var tree: MerkleAccumulator
    var end: Int64
    var linesChecked: Int
    var latest: SignedNote?
    var checkpoints: CheckpointsPosition
}

extension Ledger {
    /// `verify --since-watermark` proper: restores the fold and tree the watermark saved (after
    /// checking it still matches the log), then checks only the lines after it, exactly as the full
    /// pass checks them. Throws ``WatermarkMismatch`` for anything it cannot decide from the
    /// watermark; the caller then verifies everything.
    func verifyResumed(_ mark: VerifiedWatermark<Rules>, jobs: Int,
                       progress: ((Int, Int64) -> Void)?) throws(LedgerError) -> Result<ResumedRun<Rules>, WatermarkMismatch> {
        let log = try LogFile.open(directory.events, writable: false)
        // One brief shared lock, as the full pass takes: the log's end, the checkpoints and the store as they stood then.
        try log.lockShared(timeout: lockTimeout)
        let end: Int64
        let latestBytes: [UInt8]?
        let checkpointsSize: Int64
        let store: HashStore?
        do {
            defer { log.unlock() }
            end = try log.size()
            latestBytes = try? FileIO.readSmallFile(directory.checkpoint, limit: SignedNote.maxBytes, what: "checkpoint")
            checkpointsSize = (try? FileManager.default.attributesOfItem(atPath: directory.checkpoints.path)[.size] as? NSNumber)?.int64Value ?? -1
            store = try? HashStore(url: directory.hashes, readOnly: true)
        }
        guard mark.end <= end,
              let line = try? log.read(at: mark.lastOffset, count: Int(mark.end - mark.lastOffset)),
              line.last == 0x0a, LedgerLine.hash(of: line.dropLast()) == mark.lastHash,
              (try? LedgerLine(bytes: line.dropLast()))?.seq == mark.count - 1 else {
            return .failure(WatermarkMismatch("line \(mark.count - 1) is no longer where the watermark says, with the hash it names"))
        }
        guard let latestBytes, let latest = try? SignedNote.parse(latestBytes) else {
            return .failure(WatermarkMismatch("DIR/checkpoint is missing or damaged"))
        }
        guard let store else { return .failure(WatermarkMismatch("the hashes file cannot be read")) }
        var position = CheckpointsPosition(end: mark.checkpointsEnd, count: mark.checkpointsCount,
                                           lastOffset: mark.checkpointsLastOffset, lastHash: mark.checkpointsLastHash)
        var notes: [(SignedNote, String)] = []
        switch newCheckpoints(from: &position, upTo: checkpointsSize) {
        case .success(let found): notes = found
        case .failure(let mismatch): return .failure(mismatch)
        }
        notes.append((latest, "DIR/checkpoint"))
        guard var fold = VerifiedWatermark<Rules>.tables(directory).restore(
            rules: rules, count: mark.count, lastHash: mark.lastHash, registry: mark.registry, state: mark.state, refs: mark.tables) else {
            return .failure(WatermarkMismatch("the watermark's tables are missing or do not match it"))
        }
        var tree: ResumedTreeCheck
        do throws(WatermarkMismatch) {
            tree = try ResumedTreeCheck(peaks: mark.peaks, size: Int64(mark.count), store: store, notes: notes)
        } catch {
            return .failure(error)
        }
        let (lineFailure, consumed, verified) = try checkLines(&fold, tree: &tree, log: log, from: mark.end, upTo: end, jobs: jobs, progress: progress)
        var failure = lineFailure
        if failure == nil {
            if consumed < end {
                failure = LedgerError(.tornTail, "the log ends with \(end - consumed) bytes of an incomplete line (an interrupted write?); run `mutual repair` to move them aside", seq: fold.count)
            } else {
                failure = tree.finish(registry: fold.registry)
            }
        }
        let report = VerificationReport(verified: verified?.0 ?? fold.count, lastHash: verified?.1 ?? fold.lastHash, failure: failure)
        return .success(ResumedRun(report: report, fold: fold, tree: tree.tree, end: consumed,
                                   linesChecked: fold.count - mark.count, latest: latest, checkpoints: position))
    }

    /// The lines of `DIR/checkpoints` after `position` (which must still end there, with the same
    /// last line), each with the source name the full pass gives it; advances `position`.
    func newCheckpoints(from position: inout CheckpointsPosition, upTo size: Int64) -> Result<[(SignedNote, String)], WatermarkMismatch> {
        guard size >= position.end else { return .failure(WatermarkMismatch("DIR/checkpoints is shorter than when it was verified")) }
        guard size > 0, let file = try? LogFile.open(directory.checkpoints, writable: false) else { return .success([]) }
        if position.count > 0 {
            guard let last = try? file.read(at: position.lastOffset, count: Int(position.end - position.lastOffset)),
                  LedgerLine.hash(of: last) == position.lastHash else {
                return .failure(WatermarkMismatch("the last verified line of DIR/checkpoints has changed"))
            }
        }
        var notes: [(SignedNote, String)] = []
        var damaged = false
        var seen = position
        try? file.forEachLine(from: position.end, upTo: size) { (offset, raw) throws(LedgerError) -> Bool in
            guard let value = try? JSONValue(parsing: raw), let text = value["note"]?.stringValue,
                  let note = try? SignedNote.parse(Array(text.utf8)) else {
                damaged = true
                return false
            }
            seen.count += 1
            seen.lastOffset = offset
            seen.end = offset + Int64(raw.count) + 1
            seen.lastHash = LedgerLine.hash(of: Array(raw) + [0x0a])
            notes.append((note, "checkpoint \(seen.count) of DIR/checkpoints"))
            return true
        }
        guard !damaged, seen.end == size else { return .failure(WatermarkMismatch("DIR/checkpoints has a damaged or incomplete line after the watermark")) }
        position = seen
        return .success(notes)
    }

    /// Checks the lines in `[from, end)` after `fold`, as the full pass does (signatures on `jobs`
    /// threads); the first failure and the offset reached.
    func checkLines(_ fold: inout LedgerFold<Rules>, tree: inout ResumedTreeCheck, log: LogFile, from: Int64, upTo end: Int64,
                    jobs: Int, progress: ((Int, Int64) -> Void)?) throws(LedgerError) -> (failure: LedgerError?, consumed: Int64, verified: (Int, String)?) {
        var failure: LedgerError?
        var consumed = from
        let first = fold.count
        let workers = jobs > 1 ? SignatureWorkers(jobs: jobs) : nil
        var batch: [SignatureWorkers.Item] = []
        var local = fold
        var localTree = tree
        try log.forEachLine(from: from, upTo: end) { (offset, raw) throws(LedgerError) -> Bool in
            consumed = offset + Int64(raw.count) + 1
            let seq = local.count
            do throws(LedgerError) {
                let line = try LedgerLine(bytes: raw)
                if workers == nil {
                    try local.admit(line, bytes: raw, checkSignature: true)
                } else {
                    batch.append(try local.admitDeferringSignature(line, bytes: raw, seq: seq))
                }
                localTree.append(raw)
            } catch {
                failure = error.seq == nil ? error.at(seq) : error
                return false
            }
            if let workers, batch.count >= 256 {
                workers.submit(batch)
                batch.removeAll(keepingCapacity: true)
                if workers.firstFailure != nil { return false }
            }
            if let progress, (local.count - first) % 4096 == 0 { progress(local.count - first, consumed) }
            return true
        }
        if let workers {
            workers.submit(batch)
            if let bad = workers.finish(), bad.seq <= failure?.seq ?? Int.max {
                // The report names the lines before the failing one as verified, as the full pass does.
                fold = local
                tree = localTree
                return (LedgerFold<Rules>.signatureFailure(bad.author, seq: bad.seq), consumed, (bad.seq, bad.prev))
            }
        }
        fold = local
        tree = localTree
        return (failure, consumed, nil)
    }
}
