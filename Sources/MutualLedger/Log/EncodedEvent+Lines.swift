extension EncodedEvent {
    /// Reads many signed events in the offline file form, one per line (`mutual submit --batch`):
    /// each line `{"event":…,"sig":…}`, canonical JSON, as `mutual sign` writes it. Empty lines
    /// are skipped. Lines are parsed and encoded on all cores; the first bad line, in file order,
    /// is reported as `line N: …` (lines numbered from 1).
    ///
    /// ```swift
    /// let batch = try EncodedEvent.parseLines(Array(jsonl.utf8))   // [(line: 1, event: …), …]
    /// let outcomes = try ledger.append(encoded: batch.map(\.event))
    /// ```
    public static func parseLines(_ bytes: [UInt8]) throws(LedgerError) -> [(line: Int, event: EncodedEvent)] {
        var ranges: [(line: Int, range: Range<Int>)] = []
        var start = 0
        var number = 1
        for (index, byte) in bytes.enumerated() where byte == 0x0a {
            if index > start { ranges.append((number, start..<index)) }
            start = index + 1
            number += 1
        }
        if bytes.count > start { ranges.append((number, start..<bytes.count)) }
        let lines = ranges
        let events = try ParallelMap.tryMap(lines.count) { (index: Int) throws(LedgerError) -> EncodedEvent in
            do throws(LedgerError) {
                return EncodedEvent(try SignedEvent(fileBytes: Array(bytes[lines[index].range])))
            } catch {
                throw LedgerError(.validation, "line \(lines[index].line): \(error.message)", underlying: nil)
            }
        }
        return zip(lines, events).map { ($0.line, $1) }
    }
}
