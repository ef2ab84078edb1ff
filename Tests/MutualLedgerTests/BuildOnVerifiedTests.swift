import Foundation
import MutualLedger
import Testing

/// Nothing is built on a line that would fail `verify`: not an append, not a checkpoint issued by
/// `repair`; and `verify` checks every hash in the hash store, not only its root.
struct BuildOnVerifiedTests {
    /// A line with a forged signature, chained correctly, appended by hand at the end of the log.
    static func appendForgedLine(_ fixture: TamperFixture) throws {
        let last = try LedgerLine(bytes: try #require(fixture.lines.last))
        var signed = try fixture.ledger.sign(type: "note.added", body: ["forged": .bool(true)], key: fixture.alice)
        signed.signature[0] ^= 0x01
        let line = LedgerLine(seq: last.seq + 1, prev: LedgerLine.hash(of: try #require(fixture.lines.last)), signed: signed)
        try fixture.write(fixture.lines + [line.bytes])
    }

    static func fileHashes(_ directory: LedgerDirectory) throws -> [String: String] {
        var hashes: [String: String] = [:]
        for name in try FileManager.default.contentsOfDirectory(atPath: directory.root.path) {
            let url = directory.root.appendingPathComponent(name)
            if let data = FileManager.default.contents(atPath: url.path) { hashes[name] = LedgerLine.hash(of: Array(data)) }
        }
        return hashes
    }

    @Test(arguments: [false, true])
    func appendRefusesToBuildOnAForgedLine(withoutCache: Bool) throws {
        try withTemporaryDirectory("forged-tail") { dir in
            let fixture = try TamperFixture(root: dir)
            try Self.appendForgedLine(fixture)
            if withoutCache { try FileManager.default.removeItem(at: fixture.directory.cache) }
            let before = try Self.fileHashes(fixture.directory)
            let next = try fixture.ledger.sign(type: "note.added", body: ["n": 1], key: fixture.alice)
            let error = #expect(throws: LedgerError.self) { _ = try fixture.ledger.append([next]) }
            #expect(error?.code == .invalidSignature)
            #expect(error?.message.contains("fails verification") == true)
            #expect(try Self.fileHashes(fixture.directory) == before)
        }
    }

    @Test func appendWithoutCacheRefusesALogRewrittenUnderItsCheckpoint() throws {
        try withTemporaryDirectory("rewritten") { dir in
            let fixture = try TamperFixture(root: dir)
            // Re-sign line 10 with another enrolled key and re-chain: signatures and rules all pass,
            // only the checkpoints remember the original.
            let rewritten = try fixture.resigned(seq: 10, with: fixture.steward)
            #expect(rewritten != fixture.lines)
            try fixture.write(rewritten)
            try FileManager.default.removeItem(at: fixture.directory.cache)
            let next = try fixture.ledger.sign(type: "note.added", body: ["n": 1], key: fixture.alice)
            let error = #expect(throws: LedgerError.self) { _ = try fixture.ledger.append([next]) }
            #expect(error?.code == .transparency)
        }
    }

    @Test func repairRefusesToSignACheckpointOverAForgedLine() throws {
        try withTemporaryDirectory("repair-forged") { dir in
            let fixture = try TamperFixture(root: dir)
            try Self.appendForgedLine(fixture)
            let before = try Self.fileHashes(fixture.directory)
            #expect(throws: LedgerError.self) { _ = try fixture.ledger.repair() }
            #expect(try Self.fileHashes(fixture.directory) == before)
            #expect(try fixture.failingSeq() == TamperFixture.lineCount)
        }
    }

    @Test func verifyCatchesAFlippedBitInEveryStoredHash() throws {
        try withTemporaryDirectory("stored-hashes") { dir in
            let fixture = try TamperFixture(root: dir)
            let url = fixture.directory.hashes
            let original = Array(try Data(contentsOf: url))
            #expect(try fixture.failingSeq() == nil)
            for index in 0..<(original.count / 32) {
                var damaged = original
                damaged[index * 32 + index % 32] ^= 0x10
                try Data(damaged).write(to: url)
                let failure = try fixture.ledger.verify().failure
                #expect(failure?.code == .transparency, "stored hash \(index)")
            }
        }
    }
}
