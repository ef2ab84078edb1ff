import Foundation
import MutualLedger

/// The 50-line ``TamperFixture`` ledger as an operator would have grown it: its first `mark`
/// lines, fully verified (which writes the verified watermark there), then the other lines
/// appended through `Ledger.append` one at a time (a checkpoint each), byte-identical to the
/// fixture's. Line 20 revokes dave; the watermark stands after it.
struct WatermarkFixture {
    static let mark = 30

    let tamper: TamperFixture
    var ledger: Ledger<CoreRules> { tamper.ledger }
    var directory: LedgerDirectory { tamper.directory }
    var watermarkURL: URL { VerifiedWatermark<CoreRules>.url(directory) }

    init(root: URL, appendAfterMark: Bool = true) throws {
        tamper = try TamperFixture(root: root)
        try tamper.write(Array(tamper.lines[..<Self.mark]))
        for url in [directory.hashes, directory.checkpoint, directory.checkpoints, directory.cache] {
            try? FileManager.default.removeItem(at: url)
        }
        _ = try ledger.repair(hashes: true)
        let full = try ledger.verify(sinceWatermark: false, jobs: 1)
        guard full.report.isValid, full.watermark == Self.mark else {
            throw LedgerError(.validation, "the fixture's first \(Self.mark) lines did not verify and mark: \(String(describing: full.report.failure))")
        }
        if appendAfterMark { try appendOriginal(Self.mark..<TamperFixture.lineCount) }
    }

    /// Appends the fixture's own events of `range`, one append each (so the lines are the fixture's).
    func appendOriginal(_ range: Range<Int>) throws {
        for seq in range {
            _ = try ledger.append([try LedgerLine(bytes: tamper.lines[seq]).signed])
        }
    }

    /// The current log's lines, without newlines.
    func lines() throws -> [[UInt8]] {
        let data = try Data(contentsOf: directory.events)
        return data.split(separator: 0x0a, omittingEmptySubsequences: false).dropLast().map { Array($0) }
    }

    /// `verify --since-watermark` (which must not write when it fails) next to a full verify of the same bytes.
    func bothVerdicts(jobs: Int = 1) throws -> (since: WatermarkVerification, full: VerificationReport) {
        let since = try ledger.verify(sinceWatermark: true, jobs: jobs)
        return (since, try ledger.verify())
    }
}
