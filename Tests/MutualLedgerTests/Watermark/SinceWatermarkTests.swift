import Foundation
@testable import MutualLedger
import Testing

/// `verify --since-watermark` checks only the lines after the watermark, with the same verdict as
/// a full verify: the same first failing seq and message.
@Suite struct SinceWatermarkTests {
    @Test(arguments: [1, 2])
    func checksOnlyTheNewLinesAndMovesTheWatermark(jobs: Int) throws {
        try withTemporaryDirectory("since") { dir in
            let fixture = try WatermarkFixture(root: dir)
            let run = try fixture.ledger.verify(sinceWatermark: true, jobs: jobs)
            #expect(run.report == (try fixture.ledger.verify()))
            #expect(run.report.isValid && run.report.verified == TamperFixture.lineCount)
            #expect(run.resumedFrom == WatermarkFixture.mark && run.fullReason == nil)
            #expect(run.linesChecked == TamperFixture.lineCount - WatermarkFixture.mark)
            #expect(run.watermark == TamperFixture.lineCount)
            let again = try fixture.ledger.verify(sinceWatermark: true, jobs: jobs)
            #expect(again.resumedFrom == TamperFixture.lineCount && again.linesChecked == 0 && again.report.isValid)
        }
    }

    @Test func aFullVerifyWritesTheWatermarkAndWithoutOneEverythingIsChecked() throws {
        try withTemporaryDirectory("since-none") { dir in
            let fixture = try WatermarkFixture(root: dir)
            try FileManager.default.removeItem(at: fixture.watermarkURL)
            let first = try fixture.ledger.verify(sinceWatermark: true, jobs: 1)
            #expect(first.resumedFrom == nil && first.fullReason != nil)
            #expect(first.linesChecked == TamperFixture.lineCount && first.report.isValid)
            #expect(first.watermark == TamperFixture.lineCount)
            try fixture.appendOriginal(0..<0)
            #expect(try fixture.ledger.verify(sinceWatermark: true, jobs: 1).linesChecked == 0)
        }
    }

    /// Tampering with lines after the watermark: the same verdict as the full pass, from the watermark.
    @Test(arguments: [31, 40, 49])
    func aTamperedNewLineFailsAtItsSeq(seq: Int) throws {
        try withTemporaryDirectory("since-flip") { dir in
            let fixture = try WatermarkFixture(root: dir)
            let original = try fixture.lines()
            for position in TamperTests.positions(in: original[seq], seq: seq) {
                var lines = original.map { $0 + [0x0a] }
                lines[seq][position] ^= 0x01
                try fixture.tamper.write(bytes: Array(lines.joined()))
                let (since, full) = try fixture.bothVerdicts(jobs: 1 + position % 2)
                #expect(since.resumedFrom == WatermarkFixture.mark, "flip at byte \(position) of seq \(seq)")
                #expect(since.report == full, "flip at byte \(position) of seq \(seq)")
                #expect(full.failure?.seq == seq)
                #expect(since.watermark == nil)
            }
        }
    }

    @Test(arguments: [35, 44])
    func aKeyRevokedBeforeTheWatermarkCannotSignAfterIt(seq: Int) throws {
        try withTemporaryDirectory("since-revoked") { dir in
            let fixture = try WatermarkFixture(root: dir)
            try fixture.tamper.write(try fixture.tamper.resigned(seq: seq, with: fixture.tamper.dave))
            let (since, full) = try fixture.bothVerdicts()
            #expect(since.resumedFrom == WatermarkFixture.mark)
            #expect(since.report == full)
            #expect(full.failure?.seq == seq && full.failure?.message.contains("revoked") == true)
        }
    }

    @Test func anEventIDUsedBeforeTheWatermarkIsCaughtAfterIt() throws {
        try withTemporaryDirectory("since-reused") { dir in
            let fixture = try WatermarkFixture(root: dir)
            let lines = try fixture.lines()
            let reused = try LedgerLine(bytes: lines[7]).event.id
            let signed = try Ledger<CoreRules>.sign(type: "note.added", body: ["text": .string("again")], partnership: nil, occurred: nil,
                                                    id: reused, key: fixture.tamper.alice, recorded: Timestamp(fixedClock()))
            let line = LedgerLine(seq: lines.count, prev: LedgerLine.hash(of: lines[lines.count - 1]), signed: signed)
            try fixture.tamper.write(lines + [line.bytes])
            let (since, full) = try fixture.bothVerdicts(jobs: 2)
            #expect(since.resumedFrom == WatermarkFixture.mark)
            #expect(since.report == full)
            #expect(full.failure?.seq == lines.count && full.failure?.message.contains("already used at seq 7") == true)
        }
    }

    /// The line the watermark names was changed: the watermark is not used, and the full pass fails there.
    @Test(arguments: [0, 40, 200])
    func aTamperedWatermarkLineFallsBackToTheFullPass(position: Int) throws {
        try withTemporaryDirectory("since-old") { dir in
            let fixture = try WatermarkFixture(root: dir)
            var lines = try fixture.lines()
            lines[WatermarkFixture.mark - 1][position] ^= 0x04
            try fixture.tamper.write(lines)
            let (since, full) = try fixture.bothVerdicts()
            #expect(since.resumedFrom == nil && since.fullReason?.contains("line \(WatermarkFixture.mark - 1)") == true)
            #expect(since.report == full)
            #expect(full.failure?.seq == WatermarkFixture.mark - 1)
        }
    }

    @Test func aCheckpointAfterTheWatermarkThatDoesNotMatchFails() throws {
        try withTemporaryDirectory("since-checkpoint") { dir in
            let fixture = try WatermarkFixture(root: dir)
            // A checkpoint signed by the real log key, for the right size, with another root.
            let forged = try SignedNote.sign(
                text: Checkpoint(origin: "example.org/tamper-tests", size: Int64(TamperFixture.lineCount), root: Merkle.leafHash([1, 2, 3])).text,
                by: [NoteSigner(name: "example.org/tamper-tests", privateKey: seededKey(5).key)])
            try Data(forged.bytes).write(to: fixture.directory.checkpoint)
            let (since, full) = try fixture.bothVerdicts()
            #expect(since.resumedFrom == WatermarkFixture.mark)
            #expect(since.report == full)
            #expect(full.failure?.message.contains("DIR/checkpoint (size \(TamperFixture.lineCount)) does not match") == true)
        }
    }

    @Test func aDamagedHashStoreAfterTheWatermarkFailsAsTheFullPassDoes() throws {
        try withTemporaryDirectory("since-store") { dir in
            let fixture = try WatermarkFixture(root: dir)
            var hashes = try Data(contentsOf: fixture.directory.hashes)
            hashes[hashes.count - 40] ^= 0x01
            try hashes.write(to: fixture.directory.hashes)
            let (since, full) = try fixture.bothVerdicts()
            #expect(since.resumedFrom == WatermarkFixture.mark)
            #expect(since.report == full)
            #expect(full.failure?.message.contains("the hashes file differs from the log") == true)
        }
    }
}
