import MutualLedger

/// The order check every report reader (``RecordStream``, ``ProjectionRunner``) makes on each
/// line it reads: the line's seq is the next one and its prev is the hash of the line before.
/// Reports trust the signatures (`mutual verify` checks them) but never read past a broken chain.
///
/// ```swift
/// try ReportChain.check(seq: line.seq, prev: line.prev, count: count, lastHash: lastHash)
/// count += 1
/// lastHash = hash
/// ```
enum ReportChain {
    /// Throws `.brokenChain` at seq `count` if the line is not the one that follows
    /// `count` lines ending with `lastHash`.
    static func check(seq: Int, prev: String, count: Int, lastHash: String) throws(LedgerError) {
        guard seq == count else {
            throw LedgerError(.brokenChain, "expected seq \(count) but the line says \(seq); run `mutual verify`", seq: count)
        }
        guard prev == lastHash else {
            throw LedgerError(.brokenChain, "prev does not match the hash of line \(count - 1); run `mutual verify`", seq: count)
        }
    }
}
