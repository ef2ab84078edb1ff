import Foundation
import MutualLedger
import Testing

/// Parallel `verify` (signatures on worker threads) must give exactly the sequential report:
/// the same verified count, last hash, and first failure (seq, code, message) on every tamper case.
@Suite struct ParallelVerifyTests {
    /// Compares the sequential report with parallel ones (small batches, so many batches are in flight).
    static func expectSameReports(_ ledger: Ledger<CoreRules>, _ label: String) throws {
        let sequential = try ledger.verify()
        for (jobs, batch) in [(2, 1), (3, 4), (4, 256)] {
            let parallel = try ledger.verify(jobs: jobs, batchSize: batch)
            #expect(parallel == sequential, "\(label): jobs \(jobs), batch \(batch): \(parallel.failure?.description ?? "valid") vs \(sequential.failure?.description ?? "valid")")
        }
    }

    @Test func everyTamperCaseGivesTheSequentialReport() throws {
        try withTemporaryDirectory("parallel-tamper") { dir in
            let fixture = try TamperFixture(root: dir)
            try Self.expectSameReports(fixture.ledger, "untouched")
            let original = fixture.lines.map { $0 + [0x0a] }
            for (seq, line) in original.enumerated() {
                for (index, position) in TamperTests.positions(in: fixture.lines[seq], seq: seq).enumerated() {
                    var lines = original
                    lines[seq][position] ^= TamperTests.masks[(index + seq) % TamperTests.masks.count]
                    try fixture.write(bytes: Array(lines.joined()))
                    try Self.expectSameReports(fixture.ledger, "flip at \(position) of seq \(seq)")
                }
                _ = line
            }
            for seq in [0, 1, 4, 20, 33, 48] {
                var lines = fixture.lines
                lines.remove(at: seq)
                try fixture.write(lines)
                try Self.expectSameReports(fixture.ledger, "delete \(seq)")
            }
            for seq in [0, 5, 20, 48] {
                var duplicated = fixture.lines
                duplicated.insert(duplicated[seq], at: seq + 1)
                try fixture.write(duplicated)
                try Self.expectSameReports(fixture.ledger, "duplicate \(seq)")
                var swapped = fixture.lines
                swapped.swapAt(seq, seq + 1)
                try fixture.write(swapped)
                try Self.expectSameReports(fixture.ledger, "swap \(seq)")
            }
            for seq in [1, 25, 49] {
                var lines = fixture.lines
                lines.insert(fixture.lines[10], at: seq)
                try fixture.write(lines)
                try Self.expectSameReports(fixture.ledger, "insert at \(seq)")
            }
            for seq in [4, 21, 30, 49] {
                try fixture.write(try fixture.resigned(seq: seq, with: fixture.stranger))
                try Self.expectSameReports(fixture.ledger, "unenrolled \(seq)")
            }
            for seq in [10, 21, 35, 49] {
                try fixture.write(try fixture.resigned(seq: seq, with: fixture.dave))
                try Self.expectSameReports(fixture.ledger, "dave \(seq)")
            }
            var line = try LedgerLine(bytes: fixture.lines[30])
            line.signed.event.body["n"] = .integer(31)
            var lines = fixture.lines
            lines[30] = line.bytes
            try fixture.write(lines)
            try Self.expectSameReports(fixture.ledger, "body changed")
            try fixture.write(Array(fixture.lines.prefix(40)))
            try Self.expectSameReports(fixture.ledger, "truncated")
            try fixture.write(bytes: Array(original.joined()) + Array("{\"v\":1".utf8))
            try Self.expectSameReports(fixture.ledger, "torn tail")
        }
    }

    /// A 3,000-line ledger: dave is revoked at seq 1,500; a line re-signed with his key later, or a
    /// changed body, is caught at its seq with the sequential message however the batches fall.
    @Test func revokedKeyInTheMiddleOfALargeLedgerIsCaught() throws {
        try withTemporaryDirectory("parallel-large") { dir in
            let steward = try seededKey(1), alice = try seededKey(2), dave = try seededKey(4)
            let ledger = Ledger(directory: LedgerDirectory(dir.appendingPathComponent("ledger")), rules: CoreRules(), clock: fixedClock)
            try ledger.create(origin: "example.org/parallel-tests", steward: steward, logKey: try seededKey(5))
            var events: [SignedEvent] = []
            for (actor, key) in [("alice", alice), ("dave", dave)] {
                let body = ActorEnrolledBody(actor: actor, name: actor, publicKey: key.publicKey, org: nil, roles: ["coordinator"])
                events.append(try ledger.sign(type: CoreEventType.actorEnrolled, body: body.json, key: steward))
            }
            for n in 3..<3_000 {
                if n == 1_500 {
                    events.append(try ledger.sign(type: CoreEventType.actorRevoked, body: ActorRevokedBody(actor: "dave", reason: "left").json, key: steward))
                } else {
                    events.append(try ledger.sign(type: "note.added", body: TamperFixture.note(n), key: n < 1_500 && n % 2 == 0 ? dave : alice))
                }
            }
            _ = try ledger.append(events)
            #expect(try ledger.verify(jobs: 2).isValid)
            let bytes = try Data(contentsOf: ledger.directory.events)
            let lines = bytes.split(separator: 0x0a, omittingEmptySubsequences: false).dropLast().map { Array($0) }
            // Re-sign seq 2,400 with dave's revoked key and re-chain what follows.
            var tampered = Array(lines[..<2_400])
            var prev = LedgerLine.hash(of: lines[2_399])
            for index in 2_400..<lines.count {
                var line = try LedgerLine(bytes: lines[index])
                line.prev = prev
                if index == 2_400 {
                    var event = line.event
                    event.author = dave.id
                    line.signed = try EventSignature.sign(event, with: dave)
                }
                tampered.append(line.bytes)
                prev = LedgerLine.hash(of: line.bytes)
            }
            try Data(tampered.map { $0 + [0x0a] }.joined()).write(to: ledger.directory.events)
            let report = try ledger.verify(jobs: 2)
            #expect(report.failure?.seq == 2_400)
            #expect(report.failure?.code == .unknownKey)
            #expect(report.failure?.message.contains("revoked at seq 1500") == true)
            #expect(report == (try ledger.verify()))
            // A changed body at seq 2,000 (a bad signature, found by a worker) comes first.
            var changed = try LedgerLine(bytes: tampered[2_000])
            changed.signed.event.body["n"] = .integer(-1)
            tampered[2_000] = changed.bytes
            try Data(tampered.map { $0 + [0x0a] }.joined()).write(to: ledger.directory.events)
            let second = try ledger.verify(jobs: 2, batchSize: 64)
            #expect(second.failure?.seq == 2_000)
            #expect(second.failure?.code == .invalidSignature)
            #expect(second == (try ledger.verify()))
        }
    }
}

/// A large `append` batch checks signatures on worker threads but refuses the same event, with
/// the same message, as the checks in order would, and writes nothing.
@Suite struct ParallelAppendTests {
    @Test func largeBatchRefusesTheFirstBadEvent() throws {
        try withTemporaryDirectory("parallel-append") { dir in
            let steward = try seededKey(1), stranger = try seededKey(9)
            let ledger = Ledger(directory: LedgerDirectory(dir.appendingPathComponent("ledger")), rules: CoreRules(), clock: fixedClock)
            try ledger.create(origin: "example.org/parallel-append", steward: steward)
            let good = try (0..<200).map { n in try ledger.sign(type: "note.added", body: TamperFixture.note(n), key: steward) }
            var badSignature = good
            badSignature[120].signature[5] ^= 0x01
            var strangerAt150 = good
            strangerAt150[150] = try ledger.sign(type: "note.added", body: ["n": 150], key: stranger)
            var both = badSignature
            both[150] = strangerAt150[150]
            let before = try Data(contentsOf: ledger.directory.events)
            func refusal(_ events: [SignedEvent]) -> String? {
                do {
                    _ = try ledger.append(events)
                    return nil
                } catch {
                    return error.message
                }
            }
            #expect(refusal(badSignature)?.hasPrefix("event 121 of 200: signature does not verify") == true)
            #expect(refusal(both)?.hasPrefix("event 121 of 200: signature does not verify") == true)
            #expect(refusal(strangerAt150)?.hasPrefix("event 151 of 200: key \(stranger.id) is not enrolled") == true)
            #expect(try Data(contentsOf: ledger.directory.events) == before)
            // The same events one by one (checked in order, no workers) are refused with the same message.
            let single = try ledger.sign(type: "note.added", body: ["n": 1], key: stranger)
            #expect(refusal([single])?.hasPrefix("key \(stranger.id) is not enrolled") == true)
            #expect(try ledger.append(good).count == 200)
            #expect(try ledger.verify(jobs: 2).isValid)
        }
    }
}
