import Foundation
@testable import MutualLedger
import Testing

/// The audit state's large parts live in tables beside it, appended to by each run.
@Suite("Audit state tables")
struct AuditTablesTests {
    @Test func aReusedIDFromAnEarlierAuditIsCaughtThroughTheTable() throws {
        let fixture = try LedgerFixture(lines: 12)
        let state = fixture.root.appendingPathComponent("auditor.json")
        _ = try fixture.ledger.audit(stateFile: state, logKey: nil)
        try fixture.append(3)
        // A line reusing the id of seq 4, written past the ledger's own checks, with a checkpoint over it.
        let reused = try LedgerLine(bytes: fixture.line(4)).event.id
        let signed = try fixture.ledger.sign(type: "note.added", body: ["text": .string("again")], id: reused, key: fixture.steward)
        let last = try fixture.line(14)
        let line = LedgerLine(seq: 15, prev: LedgerLine.hash(of: last), signed: signed)
        let handle = try FileHandle(forWritingTo: fixture.directory.events)
        handle.seekToEndOfFile()
        handle.write(Data(line.bytes + [0x0a]))
        try handle.close()
        // The operator's own signed checkpoint over it (repair would refuse such a log).
        let store = try HashStore(url: fixture.directory.hashes)
        try store.append(leafHashes: [Merkle.leafHash(line.bytes)])
        try fixture.ledger.issueCheckpoint(origin: "example.org/fixture", logKey: fixture.logKey, size: 16, root: store.root(size: 16))
        let before = try AuditFiles.tableFiles(of: state).map(fixture.bytes)
        #expect { try fixture.ledger.audit(stateFile: state, logKey: nil) } throws: {
            ($0 as? LedgerError)?.seq == 15 && ($0 as? LedgerError)?.message.contains("already used at seq 4") == true
        }
        #expect(try AuditFiles.tableFiles(of: state).map(fixture.bytes) == before, "a failed audit writes nothing")
    }

    @Test func tablesThatDoNotMatchTheStateAreNotTrustedButReaudited() throws {
        let fixture = try LedgerFixture(lines: 9)
        let state = fixture.root.appendingPathComponent("auditor.json")
        _ = try fixture.ledger.audit(stateFile: state, logKey: nil)
        try fixture.append(4)
        // As after a crash between the table append and the state replace: the values file is longer than named.
        let ids = fixture.root.appendingPathComponent("auditor.json.ids.values")
        let handle = try FileHandle(forWritingTo: ids)
        handle.seekToEndOfFile()
        handle.write(Data(repeating: 7, count: 40))
        try handle.close()
        let result = try fixture.ledger.audit(stateFile: state, logKey: nil)
        #expect(result.reaudited && result.linesAdmitted == 13 && result.previousSize == 9)
        try fixture.append(2)
        let next = try fixture.ledger.audit(stateFile: state, logKey: nil)
        #expect(!next.reaudited && next.linesAdmitted == 2)
    }

    @Test func reauditingStillCatchesARollback() throws {
        let fixture = try LedgerFixture(lines: 12)
        let state = fixture.root.appendingPathComponent("auditor.json")
        _ = try fixture.ledger.audit(stateFile: state, logKey: nil)
        for url in try AuditFiles.tableFiles(of: state) { try FileManager.default.removeItem(at: url) }
        try fixture.rollBack(keep: 8)
        #expect { try fixture.ledger.audit(stateFile: state, logKey: nil) } throws: {
            ($0 as? LedgerError)?.message.contains("rolled back") == true
        }
    }

    /// A state written by the previous format (everything in the JSON, ids in `<state>.ids`) is read
    /// once and replaced by a v2 state with tables.
    @Test func aVersion1StateIsMigrated() throws {
        let fixture = try LedgerFixture(lines: 10)
        let state = fixture.root.appendingPathComponent("auditor.json")
        _ = try fixture.ledger.audit(stateFile: state, logKey: nil)
        // Rewrite it as v1: no tables, the ids packed in the sidecar.
        var json = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: state)) as? [String: Any])
        json["format"] = "mutual-audit/v1"
        json["tables"] = nil
        try JSONSerialization.data(withJSONObject: json, options: [.sortedKeys]).write(to: state)
        var index = EventIDIndex()
        for seq in 0..<10 { index.insert(try LedgerLine(bytes: fixture.line(seq)).event.id, seq: seq) }
        try Data(index.pendingPackedIDs).write(to: AuditState<CoreRules>.idsURL(state))
        for url in try AuditFiles.tableFiles(of: state) { try FileManager.default.removeItem(at: url) }

        try fixture.append(3)
        let result = try fixture.ledger.audit(stateFile: state, logKey: nil)
        #expect(result.previousSize == 10 && result.linesAdmitted == 3 && !result.reaudited)
        #expect(try AuditState<CoreRules>.load(from: state)?.format == "mutual-audit/v2")
        #expect(!FileManager.default.fileExists(atPath: AuditState<CoreRules>.idsURL(state).path))
        try fixture.append(1)
        #expect(try fixture.ledger.audit(stateFile: state, logKey: nil).linesAdmitted == 1)
    }

    @Test func anotherRunHoldingTheStateIsRefused() throws {
        let fixture = try LedgerFixture(lines: 3)
        let state = fixture.root.appendingPathComponent("auditor.json")
        let lock = fixture.root.appendingPathComponent("auditor.json.lock")
        FileManager.default.createFile(atPath: lock.path, contents: nil)
        let fd = open(lock.path, O_RDWR)
        defer { close(fd) }
        #expect(flock(fd, LOCK_EX | LOCK_NB) == 0)
        #expect { try fixture.ledger.audit(stateFile: state, logKey: nil) } throws: {
            ($0 as? LedgerError)?.message.contains("another `mutual audit`") == true
        }
        #expect(!FileManager.default.fileExists(atPath: state.path))
    }
}
