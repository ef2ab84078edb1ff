import Foundation
import MutualLedger
import Projections
import Testing

@Suite struct SampleHistoryTests {
    func withSample<T>(_ body: (LedgerDirectory) throws -> T) throws -> T {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("sample-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: root) }
        let dir = LedgerDirectory(root.appendingPathComponent("ledger"))
        let ledger = Ledger(directory: dir, rules: CoreRules(), clock: { SampleHistory.genesisTime })
        let summary = try SampleHistory.write(to: ledger)
        #expect(summary.events >= 180 && summary.events <= 240, "\(summary.events) events")
        #expect(try ledger.verify().isValid)
        return try body(dir)
    }

    @Test func sampleIsValidAndShowsPassesAndFailures() throws {
        try withSample { dir in
            let slice = try ProjectionRunner(directory: dir).read(at: .latest)
            let doc = ReportDocument.build(.compliance, from: slice, period: .allTime, partnership: nil)
            let rows = try #require(doc.compliance?.partnerships)
            #expect(rows.map(\.id) == ["cs-md", "nb-lk", "rv-hl"])
            for row in rows {
                #expect(row.rules.contains { $0.status == .pass }, "\(row.id)")
            }
            let failures = Dictionary(uniqueKeysWithValues: rows.map { ($0.id, Set($0.rules.filter { $0.status == .fail }.map(\.id))) })
            #expect(failures["nb-lk"] == [])
            #expect(failures["rv-hl"]?.isSuperset(of: ["R1", "R2", "R3", "R4", "R5", "R6", "R9", "R10", "R11"]) == true)
            #expect(failures["cs-md"] == ["R1", "R3", "R7", "R10", "R11"])
        }
    }

    @Test func sampleAppliesItsCorrectionAndRetraction() throws {
        try withSample { dir in
            let record = PartnershipRecordProjection().fold(try ProjectionRunner(directory: dir).read(at: .latest).events)
            #expect(record.visits["rv-hl-v2"]?.end == CalendarDate(parsing: "2024-04-09"))
            #expect(record.visits["cs-md-v1-dup"] == nil)
            #expect(record.partnerships.count == 3)
        }
    }

    @Test func twoSamplesGiveTheSameReportsApartFromTheGenesisLine() throws {
        let first = try withSample { dir in try ProjectionRunner(directory: dir).read(at: .latest) }
        let second = try withSample { dir in try ProjectionRunner(directory: dir).read(at: .latest) }
        #expect(first.events == second.events)
        #expect(first.reportDate == second.reportDate)
    }
}
