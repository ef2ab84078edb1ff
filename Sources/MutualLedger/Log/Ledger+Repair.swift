/// What `repair` did.
public struct RepairOutcome: Sendable, Equatable {
    /// Bytes moved out of the log, if any.
    public var removedBytes: Int64
    /// Where they were saved.
    public var savedTo: String?
}

extension Ledger {
    /// Moves a torn tail (an incomplete or unparsable last line) to `DIR/torn-<UTC time>.bin` and
    /// cuts it from the log. Never removes a complete, well-formed line. Idempotent.
    public func repair() throws(LedgerError) -> RepairOutcome {
        try directory.requireExisting()
        let log = try LogFile.open(directory.events, writable: true)
        try log.lockExclusive(timeout: lockTimeout)
        defer { log.unlock() }
        guard case .torn(let validEnd, let size) = try log.tail() else {
            try rebuildDerivedFiles(log)
            return RepairOutcome(removedBytes: 0, savedTo: nil)
        }
        let torn = try log.read(at: validEnd, count: Int(size - validEnd))
        let target = directory.tornFile(at: Timestamp(clock()))
        try FileIO.createExclusive(target, contents: torn, mode: 0o600, what: "torn-tail file")
        FileIO.syncDirectory(directory.root)
        try log.truncate(to: validEnd)
        try rebuildDerivedFiles(log)
        return RepairOutcome(removedBytes: size - validEnd, savedTo: target.path)
    }

    /// Brings files derived from the log (hash store, checkpoint) in line with it. The transparency layer fills this in.
    func rebuildDerivedFiles(_ log: LogFile) throws(LedgerError) {}
}
