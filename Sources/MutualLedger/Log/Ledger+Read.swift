extension Ledger {
    /// Streams the log's complete lines in order, parsed, from seq 0; `body` returns false to stop.
    /// A line that does not parse stops the stream with an error naming its seq.
    ///
    /// ```swift
    /// try ledger.forEachLine { line, bytes in print(line.seq, line.event.type); return true }
    /// ```
    public func forEachLine(_ body: (LedgerLine, UnsafeRawBufferPointer) throws(LedgerError) -> Bool) throws(LedgerError) {
        try directory.requireExisting()
        let log = try LogFile.open(directory.events, writable: false)
        let end = try log.stableEnd(timeout: lockTimeout)
        var seq = 0
        try log.forEachLine(upTo: end) { (_, raw) throws(LedgerError) -> Bool in
            let line: LedgerLine
            do throws(LedgerError) {
                line = try LedgerLine(bytes: raw)
            } catch {
                throw error.at(seq)
            }
            seq += 1
            return try body(line, raw)
        }
    }
}
