import Foundation
import MutualLedger
import Testing

@Suite("Incremental audit")
struct AuditTests {
    @Test func firstRunAuditsEverythingThenOnlyNewLines() throws {
        let fixture = try LedgerFixture(lines: 20)
        let state = fixture.root.appendingPathComponent("auditor.json")
        let first = try fixture.ledger.audit(stateFile: state, logKey: nil)
        #expect(first.previousSize == nil && first.linesAdmitted == 20 && first.trustedOnFirstUse)
        #expect(first.checkpoint.size == 20)
        try fixture.append(7)
        let second = try fixture.ledger.audit(stateFile: state, logKey: nil)
        #expect(second.previousSize == 20 && second.linesAdmitted == 7 && !second.trustedOnFirstUse)
        let third = try fixture.ledger.audit(stateFile: state, logKey: try fixture.vkey)
        #expect(third.linesAdmitted == 0 && third.checkpoint.size == 27)
        let saved = try #require(try AuditState<CoreRules>.load(from: state))
        #expect(saved.size == 27 && saved.format == "mutual-audit/v2")
        // The ids live in the state's own table beside it (16-byte id + 8-byte seq + 16-byte header per record).
        let ids = fixture.root.appendingPathComponent("auditor.json.ids.values")
        #expect(try Data(contentsOf: ids).count == 27 * 40)
        #expect(saved.tables?["ids"]?.length == Int64(27 * 40))
    }

    @Test func doesNotRereadOldLines() throws {
        // Damage a line already audited: the next audit must not read it (cost grows with new lines only),
        // so it still succeeds on the new lines, while a full verify notices.
        let fixture = try LedgerFixture(lines: 10)
        let state = fixture.root.appendingPathComponent("auditor.json")
        _ = try fixture.ledger.audit(stateFile: state, logKey: nil)
        try fixture.append(2)
        var data = try Data(contentsOf: fixture.directory.events)
        let index = try #require(data.firstIndex(of: UInt8(ascii: "n")))
        data[index] = UInt8(ascii: "N")
        try data.write(to: fixture.directory.events)
        let result = try fixture.ledger.audit(stateFile: state, logKey: nil)
        #expect(result.linesAdmitted == 2)
        #expect(try !fixture.ledger.verify().isValid)
    }

    @Test func rollbackFailsAndKeepsTheState() throws {
        let fixture = try LedgerFixture(lines: 12)
        let state = fixture.root.appendingPathComponent("auditor.json")
        _ = try fixture.ledger.audit(stateFile: state, logKey: nil)
        let before = fixture.bytes(state)
        let tables = try AuditFiles.tableFiles(of: state)
        let tablesBefore = tables.map(fixture.bytes)
        #expect(!tables.isEmpty && tablesBefore.allSatisfy { $0 != nil })
        try fixture.rollBack(keep: 9)
        #expect(try fixture.ledger.verify().isValid, "the operator's rolled-back ledger verifies on its own")
        #expect { try fixture.ledger.audit(stateFile: state, logKey: nil) } throws: {
            let error = $0 as? LedgerError
            return error?.exitCode == 1 && error?.message.contains("rolled back") == true
        }
        #expect(fixture.bytes(state) == before)
        #expect(tables.map(fixture.bytes) == tablesBefore)
    }

    @Test(arguments: [(5, 10), (5, 7), (11, 3)])
    func forkFailsAndKeepsTheState(keep: Int, extra: Int) throws {
        let fixture = try LedgerFixture(lines: 12)
        let state = fixture.root.appendingPathComponent("auditor.json")
        _ = try fixture.ledger.audit(stateFile: state, logKey: nil)
        let before = fixture.bytes(state)
        let forked = try fixture.fork(keep: keep, extra: extra)
        #expect(try forked.ledger.verify().isValid, "the rewritten history verifies on its own")
        #expect(try forked.vkey == fixture.vkey)
        #expect { try forked.ledger.audit(stateFile: state, logKey: nil) } throws: {
            let error = $0 as? LedgerError
            return error?.exitCode == 1 && error?.message.contains("fork") == true
        }
        #expect(fixture.bytes(state) == before)
    }

    @Test func rejectsAnotherLogKey() throws {
        let fixture = try LedgerFixture(lines: 3)
        let state = fixture.root.appendingPathComponent("auditor.json")
        let other = try LedgerFixture(lines: 1, logKey: SigningKey(seed: Array(repeating: 3, count: 32))).vkey
        #expect(throws: LedgerError.self) { try fixture.ledger.audit(stateFile: state, logKey: other) }
        #expect(!FileManager.default.fileExists(atPath: state.path))
    }
}
