import Foundation
import MutualLedger
@testable import PartnershipEvents
import Testing

/// An import built, signed and checked a window of rows at a time (``ImportBatch``,
/// ``ImportRow/importAll(_:ledger:key:window:progress:)``) appends what one batch appends, or
/// nothing: a bad row in a late window leaves the log byte-identical, a visit id reused across
/// windows is caught, and a row whose cells are bad is reported before any row the ledger refuses.
@Suite struct WindowedImportTests {
    static let header = VisitImport.columns.joined(separator: ",")

    static func row(_ n: Int, to: String = "gulu-rrh", mode: String = "in-person", visit: String? = nil) -> String {
        "ukug-1,\(visit ?? "v-\(n)"),nuth,\(to),2026-03-02,2026-03-13,\(mode),p-\(n):nurse:senior,Training \(n),host,true"
    }

    static func csv(_ rows: [String]) -> String { ([header] + rows).joined(separator: "\n") + "\n" }

    @Test(arguments: [1, 7, 40, 8192])
    func aWindowedImportAppendsWhatOneBatchAppends(window: Int) throws {
        let fixture = try TestLedger()
        defer { fixture.remove() }
        let before = fixture.logBytes.split(separator: 0x0a).count
        let text = Self.csv((0..<40).map { Self.row($0) })
        let batch = try VisitImport.batch(text)
        #expect(batch.count == 40)
        let outcomes = try ImportRow.importAll(batch, ledger: fixture.ledger, key: fixture.coordinatorSender, window: window)
        #expect(outcomes == (0..<40).map { AppendOutcome.appended(seq: before + $0) })
        let lines = fixture.logBytes.split(separator: 0x0a).map(Array.init)
        #expect(lines.count == before + 40)
        let drafts = try VisitImport.parse(text)
        for (n, line) in lines[before...].enumerated() {
            let event = try LedgerLine(bytes: line).event
            #expect(event.body == drafts[n].draft.body && event.type == drafts[n].draft.type)
        }
        #expect(try fixture.ledger.verify().isValid)
    }

    struct LateBadRow: Sendable, CustomTestStringConvertible {
        var name: String
        var rows: [String]
        var expected: String
        var testDescription: String { name }
    }

    static let lateBadRows: [LateBadRow] = [
        LateBadRow(name: "org outside the partnership in the last window",
                   rows: (0..<38).map { row($0) } + [row(38, to: "kch"), row(39)],
                   expected: "row 40: visit.recorded: \"to\" kch is not an org of partnership ukug-1"),
        LateBadRow(name: "a visit id of the first window reused in the last",
                   rows: (0..<39).map { row($0) } + [row(39, visit: "v-1")],
                   expected: "row 41: visit.recorded: visit id v-1 is already used"),
        LateBadRow(name: "a bad cell in the last window",
                   rows: (0..<39).map { row($0) } + [row(39, mode: "walking")],
                   expected: "row 41: visit.recorded: \"mode\" must be one of"),
        LateBadRow(name: "a bad cell late is reported before a row the ledger refuses early",
                   rows: [row(0), row(1, to: "kch")] + (2..<39).map { row($0) } + [row(39, mode: "walking")],
                   expected: "row 41: visit.recorded: \"mode\" must be one of"),
    ]

    @Test(arguments: lateBadRows, [false, true])
    func aBadRowNearTheEndAppendsNothing(_ bad: LateBadRow, dryRun: Bool) throws {
        let fixture = try TestLedger()
        defer { fixture.remove() }
        let before = fixture.logBytes
        let batch = try VisitImport.batch(Self.csv(bad.rows))
        var message: String?
        do {
            if dryRun {
                try ImportRow.checkAll(batch, ledger: fixture.ledger, key: fixture.coordinatorSender, window: 6)
            } else {
                _ = try ImportRow.importAll(batch, ledger: fixture.ledger, key: fixture.coordinatorSender, window: 6)
            }
        } catch let error as LedgerError {
            message = error.message
        }
        #expect(message?.hasPrefix(bad.expected) == true, "\(message ?? "no error")")
        // The ledger's refusals say so; a bad cell is reported as the table's reading of it.
        #expect(message?.hasSuffix("; nothing was imported") == !bad.expected.contains("must be one of"))
        #expect(fixture.logBytes == before)
        // The same file in one batch gives the same message.
        var single: String?
        do {
            _ = try ImportRow.importAll(try VisitImport.parse(Self.csv(bad.rows)), ledger: fixture.ledger, key: fixture.coordinatorSender)
        } catch let error as LedgerError {
            single = error.message
        }
        #expect(single == message)
        #expect(fixture.logBytes == before)
    }
}
