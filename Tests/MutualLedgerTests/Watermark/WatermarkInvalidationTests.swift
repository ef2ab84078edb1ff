import Foundation
import MutualLedger
import Testing

/// A watermark that does not match the log is never trusted: the run verifies every line, gives
/// the full pass's verdict, and (when valid) writes a fresh watermark.
@Suite struct WatermarkInvalidationTests {
    enum Damage: String, CaseIterable, Sendable {
        case garbage, handEditedCount, handEditedRegistry, rulesVersion, formatVersion, deletedTable, longerTable, digestOnly
    }

    static func damage(_ damage: Damage, _ fixture: WatermarkFixture) throws {
        let url = fixture.watermarkURL
        var text = try String(contentsOf: url, encoding: .utf8)
        func replace(_ old: String, _ new: String) throws {
            guard let range = text.range(of: old) else { throw LedgerError(.validation, "no \(old) in the watermark") }
            text.replaceSubrange(range, with: new)
            try text.write(to: url, atomically: false, encoding: .utf8)
        }
        let tables = fixture.directory.cache.appendingPathComponent("verified-core-ids.values")
        switch damage {
        case .garbage: try Data("{\"format\":".utf8).write(to: url)
        case .handEditedCount: try replace("\"count\":\(WatermarkFixture.mark)", "\"count\":\(WatermarkFixture.mark + 1)")
        case .handEditedRegistry: try replace("\"revokedAt\":20", "\"revokedAt\":null")
        case .rulesVersion: try replace("\"rulesVersion\":1", "\"rulesVersion\":2")
        case .formatVersion: try replace("mutual-watermark/v1", "mutual-watermark/v0")
        case .deletedTable: try FileManager.default.removeItem(at: tables)
        case .longerTable:
            let handle = try FileHandle(forWritingTo: tables)
            handle.seekToEndOfFile()
            handle.write(Data([0, 1, 2]))
            try handle.close()
        case .digestOnly:
            guard let range = text.range(of: "\"digest\":\"") else { throw LedgerError(.validation, "no digest") }
            let at = text.index(range.upperBound, offsetBy: 3)
            text.replaceSubrange(at...at, with: text[at] == "a" ? "b" : "a")
            try text.write(to: url, atomically: false, encoding: .utf8)
        }
    }

    @Test(arguments: Damage.allCases)
    func aDamagedWatermarkIsNotTrusted(damage: Damage) throws {
        try withTemporaryDirectory("mark-\(damage.rawValue)") { dir in
            let fixture = try WatermarkFixture(root: dir)
            try Self.damage(damage, fixture)
            // Had it been trusted, dave's signature after his revocation would pass (hand-edited
            // registry) or seq 30 would be refused (hand-edited count): the full pass decides instead.
            try fixture.tamper.write(try fixture.tamper.resigned(seq: 33, with: fixture.tamper.dave))
            let (since, full) = try fixture.bothVerdicts()
            #expect(since.resumedFrom == nil && since.fullReason != nil, "\(damage)")
            #expect(since.report == full && full.failure?.seq == 33, "\(damage)")
        }
    }

    @Test(arguments: Damage.allCases)
    func aDamagedWatermarkIsRebuiltByAValidRun(damage: Damage) throws {
        try withTemporaryDirectory("mark-rebuilt") { dir in
            let fixture = try WatermarkFixture(root: dir)
            try Self.damage(damage, fixture)
            let run = try fixture.ledger.verify(sinceWatermark: true, jobs: 1)
            #expect(run.resumedFrom == nil && run.report.isValid && run.linesChecked == TamperFixture.lineCount)
            #expect(run.watermark == TamperFixture.lineCount)
            try fixture.appendOriginal(0..<0)
            let next = try fixture.ledger.verify(sinceWatermark: true, jobs: 1)
            #expect(next.resumedFrom == TamperFixture.lineCount && next.linesChecked == 0 && next.report.isValid)
        }
    }

    /// The log cut back below the watermark, with the hash store and checkpoints issued anew so
    /// that a plain `verify` passes: the watermark's remembered checkpoint shows the rollback.
    @Test func aRolledBackLogFailsAgainstTheRememberedCheckpoint() throws {
        try withTemporaryDirectory("mark-rollback") { dir in
            let fixture = try WatermarkFixture(root: dir)
            #expect(try fixture.ledger.verify(sinceWatermark: true, jobs: 1).watermark == TamperFixture.lineCount)
            try fixture.tamper.write(Array(fixture.tamper.lines[..<42]))
            try fixture.tamper.reissueTransparencyFiles()
            #expect(try fixture.ledger.verify().isValid, "the rolled-back ledger verifies on its own")
            let since = try fixture.ledger.verify(sinceWatermark: true, jobs: 1)
            #expect(since.resumedFrom == nil)
            #expect(since.report.failure?.code == .transparency)
            #expect(since.report.failure?.message.contains("rolled back") == true)
            #expect(since.watermark == nil)
        }
    }

    /// Lines before the watermark rewritten consistently (a fork), everything reissued.
    @Test func aForkedLogFailsAgainstTheRememberedCheckpoint() throws {
        try withTemporaryDirectory("mark-fork") { dir in
            let fixture = try WatermarkFixture(root: dir)
            var lines = Array(fixture.tamper.lines[..<25])
            let signed = try fixture.ledger.sign(type: "note.added", body: ["text": .string("rewritten history")], key: fixture.tamper.alice)
            lines.append(LedgerLine(seq: 25, prev: LedgerLine.hash(of: lines[24]), signed: signed).bytes)
            for seq in 26..<45 {
                let event = try fixture.ledger.sign(type: "note.added", body: TamperFixture.note(seq), key: fixture.tamper.bob)
                lines.append(LedgerLine(seq: seq, prev: LedgerLine.hash(of: lines[seq - 1]), signed: event).bytes)
            }
            try fixture.tamper.write(lines)
            try fixture.tamper.reissueTransparencyFiles()
            #expect(try fixture.ledger.verify().isValid, "the forked ledger verifies on its own")
            let since = try fixture.ledger.verify(sinceWatermark: true, jobs: 1)
            #expect(since.resumedFrom == nil)
            #expect(since.report.failure?.message.contains("forked") == true)
        }
    }

    /// `DIR/cache` that cannot be written (here: a plain file in its place) never fails verify.
    @Test func anUnwritableCacheNeverFailsVerify() throws {
        try withTemporaryDirectory("mark-readonly") { dir in
            let fixture = try WatermarkFixture(root: dir, appendAfterMark: true)
            try FileManager.default.removeItem(at: fixture.directory.cache)
            try Data("not a folder".utf8).write(to: fixture.directory.cache)
            let before = try Data(contentsOf: fixture.directory.cache)
            let run = try fixture.ledger.verify(sinceWatermark: true, jobs: 2)
            #expect(run.report.isValid && run.resumedFrom == nil && run.watermark == nil)
            #expect(try Data(contentsOf: fixture.directory.cache) == before)
        }
    }
}
