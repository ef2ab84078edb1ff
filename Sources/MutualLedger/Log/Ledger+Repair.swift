import Foundation

/// What `repair` did.
public struct RepairOutcome: Sendable, Equatable {
    /// Bytes moved out of the log, if any.
    public var removedBytes: Int64
    /// Where they were saved.
    public var savedTo: String?
    /// Whether the hash store was rebuilt or extended, and a checkpoint issued.
    public var derivedFilesUpdated: Bool = false
}

extension Ledger {
    /// Moves a torn tail (an incomplete or unparsable last line) to `DIR/torn-<UTC time>.bin` and
    /// cuts it from the log. Never removes a complete, well-formed line. Idempotent.
    /// With `hashes`, the hash store is rebuilt from the log even if it looks right.
    public func repair(hashes: Bool = false) throws(LedgerError) -> RepairOutcome {
        try directory.requireExisting()
        let log = try LogFile.open(directory.events, writable: true)
        try log.lockExclusive(timeout: lockTimeout)
        defer { log.unlock() }
        guard case .torn(let validEnd, let size) = try log.tail() else {
            let updated = try rebuildDerivedFiles(log, force: hashes)
            return RepairOutcome(removedBytes: 0, savedTo: nil, derivedFilesUpdated: updated)
        }
        let torn = try log.read(at: validEnd, count: Int(size - validEnd))
        let target = directory.tornFile(at: Timestamp(clock()))
        try FileIO.createExclusive(target, contents: torn, mode: 0o600, what: "torn-tail file")
        FileIO.syncDirectory(directory.root)
        try log.truncate(to: validEnd)
        let updated = try rebuildDerivedFiles(log, force: hashes)
        return RepairOutcome(removedBytes: size - validEnd, savedTo: target.path, derivedFilesUpdated: updated)
    }

    /// Brings the hash store and the latest checkpoint in line with the log (the caller holds the
    /// exclusive lock), after checking the log as an append would (``replay(_:from:upTo:)``). Trims a torn last line of `DIR/checkpoints`. Returns whether anything changed.
    func rebuildDerivedFiles(_ log: LogFile, force: Bool) throws(LedgerError) -> Bool {
        // Never sign a checkpoint over lines that would fail `verify`.
        let count = Int64(try replay(log, from: nil, upTo: try log.size()).count)
        guard count > 0 else { return false }
        var changed = false
        let before = (try? HashStore(url: directory.hashes, readOnly: true))?.count
        let store = force ? try rebuildHashStore(log, count: count) : try hashStore(log, covering: count)
        if force || before != count { changed = true }
        if FileManager.default.fileExists(atPath: directory.checkpoints.path) {
            let history = try LogFile.open(directory.checkpoints, writable: true)
            if let validEnd = try history.incompleteLineStart() {
                try history.truncate(to: validEnd)
                changed = true
            }
        }
        let root = try store.root(size: count)
        let current = try? latestCheckpoint(log)
        if current?.checkpoint.size != count || current?.checkpoint.root != root {
            try issueCheckpoint(origin: try genesisBody(log).origin, logKey: SigningKey.load(from: directory.logKey), size: count, root: root)
            changed = true
        }
        return changed
    }
}
