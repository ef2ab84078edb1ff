import ArgumentParser
import Foundation
import MutualLedger
import Projections
import Testing
@testable import mutual

@Suite struct ReportCommandTests {
    @Test(arguments: [
        ["--at", "3", "--as-of", "2025-01-01"],
        ["--from", "2025-02-01", "--to", "2025-01-31"],
        ["--from", "2025-02-30"],
        ["--as-of", "yesterday"],
        ["--format", "xml"],
        ["--at", "-1"],
        ["--partnership", "Bad Id"],
    ])
    func crossFieldChecksRefuse(_ arguments: [String]) {
        #expect(throws: (any Error).self) { try ReportCommand.Compliance.parse(arguments) }
    }

    @Test(arguments: [
        ["--at", "3"], ["--as-of", "2025-01-01", "--from", "2024-01-01", "--to", "2024-12-31"],
        ["--format", "csv", "--partnership", "nb-lk"], [],
    ])
    func validCombinationsParse(_ arguments: [String]) throws {
        _ = try ReportCommand.Compliance.parse(arguments)
    }

    @Test func partnershipNamedTwiceMustAgree() {
        #expect(throws: (any Error).self) { try ReportCommand.Partnership.parse(["nb-lk", "--partnership", "rv-hl"]) }
    }

    @Test(arguments: ReportFormat.allCases)
    func outWritesTheRenderedReport(_ format: ReportFormat) throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("report-cli-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: root) }
        let dir = root.appendingPathComponent("ledger")
        try SampleHistory.write(to: Ledger(directory: LedgerDirectory(dir), rules: CoreRules(), clock: { SampleHistory.genesisTime }))
        let out = root.appendingPathComponent("report.\(format.rawValue)")
        let command = try ReportCommand.Partnership.parse(["nb-lk", "--ledger", dir.path, "--as-of", "2025-06-30",
                                                           "--format", format.rawValue, "--out", out.path])
        try command.run()
        let request = ReportRequest(kind: .partnership, partnership: "nb-lk", point: .asOf(CalendarDate(year: 2025, month: 6, day: 30)))
        let doc = try ReportMaker(directory: LedgerDirectory(dir)).make(request)
        #expect(doc.position.checkpoint != nil)
        #expect(Array(try Data(contentsOf: out)) == doc.render(format))
    }
}
