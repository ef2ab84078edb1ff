import Foundation
@testable import MutualLedger
import PartnershipEvents
import Testing

/// A fold whose growing parts are spilled to tables every few lines (``FoldSpill``) has the
/// same state and gives the same verdicts, first failure included, as one kept in memory;
/// the watermark and an audit state written from spilled tables restore and resume; and a
/// ledger whose cache cannot be written spills to a temporary folder that is removed.
@Suite struct SpilledFoldTests {
    typealias Fold = LedgerFold<PartnershipRules>

    static func verify(_ ledger: Ledger<PartnershipRules>, jobs: Int, spill: FoldSpill?) throws -> (VerificationReport, Fold?) {
        var fold: Fold?
        let report = try ledger.verify(jobs: jobs, progress: nil, spill: spill) { finished, _, _ in fold = finished }
        return (report, fold)
    }

    @Test(arguments: [(1, 1), (3, 2), (40, 1), (40, 2)])
    func aSpilledFoldHasTheSameStateAsOneInMemory(budget: Int, jobs: Int) throws {
        let generated = try GeneratedLedger(seed: 21, steps: 300)
        defer { generated.remove() }
        let ledger = Ledger(directory: generated.dir, rules: PartnershipRules())
        let (plainReport, plain) = try Self.verify(ledger, jobs: jobs, spill: nil)
        let spill = ledger.fullPassSpill(prefix: "test-", budget: budget)
        let (spilledReport, spilled) = try Self.verify(ledger, jobs: jobs, spill: spill)
        #expect(plainReport.isValid)
        #expect(spilledReport == plainReport)
        #expect(spill.spills > 1 && !spill.failed)
        let a = try #require(plain), b = try #require(spilled)
        #expect(b.state == a.state)
        #expect(b.count == a.count && b.lastHash == a.lastHash && b.registry == a.registry)
        #expect(b.pendingTableEntries < a.pendingTableEntries)
        for line in try generated.lines() {
            let id = try LedgerLine(bytes: line).event.id
            #expect(b.ids.seq(of: id) == a.ids.seq(of: id))
        }
        #expect(b.ids.seq(of: "00000000-0000-4000-8000-000000000000") == nil)
    }

    enum Damage: CaseIterable {
        case earlyLineRepeatedAtTheEnd, lateLineRepeated, lineRemoved, linesSwapped, byteChanged
    }

    /// The log with `damage`; the seq it must fail at, if the damage fixes one.
    static func damaged(_ lines: [[UInt8]], _ damage: Damage) throws -> (lines: [[UInt8]], failsAt: Int?) {
        func rechained(_ line: [UInt8], at seq: Int, after previous: [UInt8]) throws -> [UInt8] {
            LedgerLine(seq: seq, prev: LedgerLine.hash(of: previous), signed: try LedgerLine(bytes: line).signed).bytes
        }
        var out = lines
        switch damage {
        case .earlyLineRepeatedAtTheEnd:
            out.append(try rechained(lines[12], at: lines.count, after: lines[lines.count - 1]))
            return (out, lines.count)
        case .lateLineRepeated:
            out.append(try rechained(lines[lines.count - 5], at: lines.count, after: lines[lines.count - 1]))
            return (out, lines.count)
        case .lineRemoved:
            out.remove(at: lines.count / 2)
            return (out, lines.count / 2)
        case .linesSwapped:
            out.swapAt(lines.count - 30, lines.count - 20)
            return (out, lines.count - 30)
        case .byteChanged:
            let seq = lines.count * 2 / 3
            guard let at = out[seq].firstIndex(of: UInt8(ascii: "Z")) ?? out[seq].lastIndex(of: UInt8(ascii: "0")) else { return (out, nil) }
            out[seq][at] = out[seq][at] == UInt8(ascii: "Z") ? UInt8(ascii: "Y") : UInt8(ascii: "1")
            return (out, seq)
        }
    }

    @Test(arguments: Damage.allCases, [1, 2])
    func aSpilledFoldFailsAtTheSameLineWithTheSameMessage(damage: Damage, jobs: Int) throws {
        let generated = try GeneratedLedger(seed: 5, steps: 250)
        defer { generated.remove() }
        let (lines, failsAt) = try Self.damaged(try generated.lines(), damage)
        try Data((lines.map { $0 + [0x0a] }).joined()).write(to: generated.dir.events)
        let ledger = Ledger(directory: generated.dir, rules: PartnershipRules())
        let (plain, _) = try Self.verify(ledger, jobs: jobs, spill: nil)
        let spill = ledger.fullPassSpill(prefix: "test-", budget: 2)
        let (spilled, _) = try Self.verify(ledger, jobs: jobs, spill: spill)
        #expect(spill.spills > 1)
        #expect(plain.failure != nil)
        if let failsAt { #expect(plain.failure?.seq == failsAt) }
        #expect(spilled == plain)
        #expect(spilled.failure?.message == plain.failure?.message)
    }

    /// The verified watermark written from spilled tables restores: `--since-watermark` resumes
    /// there, and still catches an id used before the watermark.
    @Test func theWatermarkTakesTheSpilledTables() throws {
        let generated = try GeneratedLedger(seed: 8, steps: 200)
        defer { generated.remove() }
        let ledger = Ledger(directory: generated.dir, rules: PartnershipRules())
        let lines = try generated.lines()
        let full = try ledger.verify(sinceWatermark: false, jobs: 2, progress: nil, spillBudget: 3)
        #expect(full.report.isValid && full.watermark == lines.count)
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: generated.dir.cache.path).filter { $0.hasPrefix("spill-") }
        #expect(leftovers.isEmpty)
        let resumed = try ledger.verify(sinceWatermark: true, jobs: 1)
        #expect(resumed.resumedFrom == lines.count && resumed.report.isValid)
        let mark = try VerifiedWatermark<PartnershipRules>.read(generated.dir)
        let restored = try #require(VerifiedWatermark<PartnershipRules>.tables(generated.dir).restore(
            rules: PartnershipRules(), count: mark.count, lastHash: mark.lastHash, registry: mark.registry, state: mark.state, refs: mark.tables))
        let (_, plain) = try Self.verify(ledger, jobs: 1, spill: nil)
        #expect(restored.state == plain?.state)

        let (tampered, failsAt) = try Self.damaged(lines, .earlyLineRepeatedAtTheEnd)
        try Data((tampered.map { $0 + [0x0a] }).joined()).write(to: generated.dir.events)
        let since = try ledger.verify(sinceWatermark: true, jobs: 1)
        let (again, _) = try Self.verify(ledger, jobs: 1, spill: nil)
        #expect(since.resumedFrom == lines.count)
        #expect(since.report == again && again.failure?.seq == failsAt)
        #expect(again.failure?.message.contains("already used at seq 12") == true)
    }

    /// A first audit that spills leaves its tables beside the state file, and they restore the same fold.
    @Test func aFirstAuditKeepsTheSpilledTables() throws {
        let generated = try GeneratedLedger(seed: 9, steps: 200)
        defer { generated.remove() }
        let ledger = Ledger(directory: generated.dir, rules: PartnershipRules())
        let stateURL = generated.root.appendingPathComponent("auditor").appendingPathComponent("state.json")
        try FileManager.default.createDirectory(at: stateURL.deletingLastPathComponent(), withIntermediateDirectories: true)
        let first = try ledger.audit(stateFile: stateURL, logKey: nil, progress: nil, spillBudget: 4)
        let count = try generated.lines().count
        #expect(first.linesAdmitted == count)
        let names = try FileManager.default.contentsOfDirectory(atPath: stateURL.deletingLastPathComponent().path)
        #expect(!names.contains { $0.hasPrefix("spill-") })
        #expect(names.contains("state.json.ids.index") && names.contains("state.json.visits.values"))
        let saved = try #require(try AuditState<PartnershipRules>.load(from: stateURL))
        let restored = try #require(try saved.restore(rules: PartnershipRules(), stateURL: stateURL))
        let (_, plain) = try Self.verify(ledger, jobs: 1, spill: nil)
        #expect(restored.state == plain?.state && restored.count == count)
        let second = try ledger.audit(stateFile: stateURL, logKey: nil)
        #expect(second.linesAdmitted == 0 && !second.reaudited)
    }

    /// `DIR/cache` that cannot be made (a plain file in its place): the spill goes to a temporary
    /// folder, the verdict is the same, nothing in the ledger folder changes, and the folder is removed.
    @Test func aLedgerWhoseCacheCannotBeWrittenSpillsToATemporaryFolder() throws {
        let generated = try GeneratedLedger(seed: 3, steps: 150)
        defer { generated.remove() }
        try FileManager.default.removeItem(at: generated.dir.cache)
        try Data("not a folder".utf8).write(to: generated.dir.cache)
        let ledger = Ledger(directory: generated.dir, rules: PartnershipRules())
        let before = try FileManager.default.contentsOfDirectory(atPath: generated.dir.root.path).sorted()
        let events = try Data(contentsOf: generated.dir.events)
        var spill: FoldSpill? = ledger.fullPassSpill(prefix: "test-", budget: 2)
        let (report, _) = try Self.verify(ledger, jobs: 2, spill: spill)
        #expect(report.isValid)
        let folder = try #require(spill?.directory)
        #expect(folder.path.hasPrefix(FileManager.default.temporaryDirectory.path))
        #expect(FileManager.default.fileExists(atPath: folder.path))
        spill = nil
        #expect(!FileManager.default.fileExists(atPath: folder.path))
        #expect(try FileManager.default.contentsOfDirectory(atPath: generated.dir.root.path).sorted() == before)
        #expect(try Data(contentsOf: generated.dir.cache) == Data("not a folder".utf8))
        #expect(try Data(contentsOf: generated.dir.events) == events)
        let run = try ledger.verify(sinceWatermark: false, jobs: 1, progress: nil, spillBudget: 2)
        #expect(run.report == report && run.watermark == nil)
    }
}
