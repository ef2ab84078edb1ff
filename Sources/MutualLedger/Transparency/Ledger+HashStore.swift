import Foundation

extension Ledger {
    /// After lines are appended and flushed: add their leaf hashes (`Merkle.leafHash` of each line) to the hash store and issue a
    /// checkpoint. If the store does not cover exactly the lines before them (a crash, a deleted
    /// file), it is brought up to date from the log first.
    func updateTransparency(_ log: LogFile, origin: String, logKey: SigningKey, previousCount: Int, leafHashes: [MerkleHash]) throws(LedgerError) {
        let store = try hashStore(log, covering: Int64(previousCount))
        try store.append(leafHashes: leafHashes)
        try issueCheckpoint(origin: origin, logKey: logKey, size: store.count, root: store.root(size: store.count))
    }

    /// The hash store, made to cover exactly the first `count` lines: opened as it is when it
    /// does, extended from the log when it is behind, and rebuilt when it is damaged or ahead.
    func hashStore(_ log: LogFile, covering count: Int64) throws(LedgerError) -> HashStore {
        let existed = FileManager.default.fileExists(atPath: directory.hashes.path)
        if let store = try? HashStore(url: directory.hashes) {
            if !existed { FileIO.syncDirectory(directory.root) }   // the new file's name is durable too
            if store.count == count { return store }
            if store.count < count {
                try extend(store, log: log, to: count)
                return store
            }
        }
        return try rebuildHashStore(log, count: count)
    }

    /// Rebuilds `DIR/hashes` from the first `count` lines of the log, crash-safely
    /// (temporary file, fsync, rename, fsync of the folder).
    @discardableResult
    func rebuildHashStore(_ log: LogFile, count: Int64) throws(LedgerError) -> HashStore {
        let temp = directory.root.appendingPathComponent(".hashes.rebuild-\(getpid())")
        unlink(temp.path)
        let store = try HashStore(url: temp)
        try extend(store, log: log, to: count)
        guard rename(temp.path, directory.hashes.path) == 0 else {
            unlink(temp.path)
            throw LedgerError(.io, "cannot replace \(directory.hashes.path): \(String(cString: strerror(errno))); check the ledger is writable")
        }
        FileIO.syncDirectory(directory.root)
        return try HashStore(url: directory.hashes)
    }

    /// Appends the leaf hashes of lines `store.count..<count` of the log to `store`.
    private func extend(_ store: HashStore, log: LogFile, to count: Int64) throws(LedgerError) {
        var seq: Int64 = 0
        var batch: [MerkleHash] = []
        let start = store.count
        try log.forEachLine(upTo: try log.size()) { (_, raw) throws(LedgerError) -> Bool in
            defer { seq += 1 }
            guard seq < count else { return false }
            if seq >= start {
                batch.append(Merkle.leafHash(raw))
                if batch.count == 8192 {
                    try store.append(leafHashes: batch)
                    batch.removeAll(keepingCapacity: true)
                }
            }
            return true
        }
        if !batch.isEmpty { try store.append(leafHashes: batch) }
        guard store.count == count else {
            throw LedgerError(.io, "the log has fewer lines (\(store.count)) than expected (\(count)); run `mutual verify`")
        }
    }
}
