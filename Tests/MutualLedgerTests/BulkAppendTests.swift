import Foundation
import MutualLedger
import Testing

/// Bulk appends: `Ledger.appendSigning` (import: signed here, on all cores, not re-verified) and
/// `Ledger.append(encoded:)` (submit: every signature verified on all cores), against the
/// sequential `append` they must match byte for byte and refusal for refusal.
@Suite("Bulk append")
struct BulkAppendTests {
    /// Every file of the ledger folder (log, cache, hash store, checkpoints), by relative path.
    static func files(_ directory: LedgerDirectory) throws -> [String: Data] {
        var result: [String: Data] = [:]
        let root = directory.root.standardizedFileURL.path
        guard let walker = FileManager.default.enumerator(at: directory.root, includingPropertiesForKeys: [.isRegularFileKey]) else { return result }
        for case let url as URL in walker where (try url.resourceValues(forKeys: [.isRegularFileKey])).isRegularFile == true {
            result[String(url.standardizedFileURL.path.dropFirst(root.count))] = try Data(contentsOf: url)
        }
        return result
    }

    /// A fixed event id for note `n` (so two ledgers built from the same notes are byte-identical).
    static func id(_ n: Int) -> String { String(format: "00000000-0000-4000-8000-%012x", n) }

    /// `count` notes by `author`, numbered from `first`.
    static func notes(_ ledger: Ledger<CoreRules>, count: Int, first: Int = 1000, author: SigningKey) throws -> [Event] {
        try (first..<(first + count)).map { n in
            try ledger.makeEvent(type: "note.added", body: TamperFixture.note(n), partnership: "ukug-1", id: id(n), author: author.id)
        }
    }

    static func signed(_ events: [Event], _ key: SigningKey) throws -> [SignedEvent] {
        try events.map { try EventSignature.sign($0, with: key) }
    }

    @Test("a line built around the encoded event is the canonical line", arguments: [0, 7, 49, 123_456_789])
    func lineBytes(seq: Int) throws {
        try withTemporaryDirectory("line-bytes") { root in
            let fixture = try TamperFixture(root: root)
            let event = try fixture.ledger.makeEvent(type: "note.added", body: TamperFixture.note(seq), partnership: "ukug-1",
                                                     occurred: CalendarDate(parsing: "2026-03-02"), author: fixture.alice.id)
            let signed = try EventSignature.sign(event, with: fixture.alice)
            let prev = LedgerLine.hash(of: fixture.lines[seq % fixture.lines.count])
            #expect(EncodedEvent(signed).lineBytes(seq: seq, prev: prev) == LedgerLine(seq: seq, prev: prev, signed: signed).bytes)
        }
    }

    @Test("appendSigning writes exactly what signing first and appending in order writes, and it verifies")
    func signingMatchesSequential() throws {
        try withTemporaryDirectory("bulk-sign") { root in
            let parallel = try TamperFixture(root: root.appendingPathComponent("a"))
            // The same ledger (event ids are random), appended to the old way: sign, then append in order.
            let copy = LedgerDirectory(root.appendingPathComponent("b"))
            try FileManager.default.copyItem(at: parallel.directory.root, to: copy.root)
            let sequential = Ledger(directory: copy, rules: CoreRules(), clock: fixedClock)
            let events = try Self.notes(parallel.ledger, count: 700, author: parallel.alice)
            let outcomes = try parallel.ledger.appendSigning(events, with: parallel.alice)
            #expect(outcomes == (50..<750).map { AppendOutcome.appended(seq: $0) })
            for chunk in stride(from: 0, to: events.count, by: 10) {
                _ = try sequential.append(try Self.signed(Array(events[chunk..<(chunk + 10)]), parallel.alice))
            }
            #expect(try Data(contentsOf: parallel.directory.events) == Data(contentsOf: copy.events))
            #expect(try Data(contentsOf: parallel.directory.hashes) == Data(contentsOf: copy.hashes))
            #expect(try parallel.ledger.verify().failure == nil)
            #expect(try parallel.ledger.latestCheckpoint().checkpoint.size == 750)
        }
    }

    /// Refused by `appendSigning` exactly as the import refused before it: its events signed first,
    /// then every one checked in order with its signature (`Ledger.check`): same code, same
    /// message, and every file of the ledger byte-identical.
    static func expectSameRefusal(_ fixture: TamperFixture, _ events: [Event], key: SigningKey,
                                  sourceLocation: SourceLocation = #_sourceLocation) throws -> LedgerError? {
        let before = try files(fixture.directory)
        let sequential = #expect(throws: LedgerError.self, sourceLocation: sourceLocation) {
            try fixture.ledger.check(try signed(events, key))
        }
        let bulk = #expect(throws: LedgerError.self, sourceLocation: sourceLocation) {
            _ = try fixture.ledger.appendSigning(events, with: key, label: { "event \($0 + 1) of \(events.count)" })
        }
        #expect(bulk?.message == sequential?.message, sourceLocation: sourceLocation)
        #expect(bulk?.code == sequential?.code, sourceLocation: sourceLocation)
        #expect(try files(fixture.directory) == before, sourceLocation: sourceLocation)
        return bulk
    }

    @Test("a revoked key is refused by appendSigning with append's message, and nothing changes")
    func signingRefusesRevokedKey() throws {
        try withTemporaryDirectory("bulk-revoked") { root in
            let fixture = try TamperFixture(root: root)
            let refused = try Self.expectSameRefusal(fixture, try Self.notes(fixture.ledger, count: 200, author: fixture.dave), key: fixture.dave)
            #expect(refused?.message.hasPrefix("event 1 of 200: ") == true, "\(String(describing: refused))")
            #expect(refused?.message.contains("revoked") == true, "\(String(describing: refused))")
        }
    }

    @Test("a key that is not enrolled is refused by appendSigning with append's message, and nothing changes")
    func signingRefusesStranger() throws {
        try withTemporaryDirectory("bulk-stranger") { root in
            let fixture = try TamperFixture(root: root)
            let refused = try Self.expectSameRefusal(fixture, try Self.notes(fixture.ledger, count: 200, author: fixture.stranger), key: fixture.stranger)
            #expect(refused?.code == .unauthorized)
            #expect(refused?.message.contains("not enrolled") == true, "\(String(describing: refused))")
        }
    }

    @Test("an event anywhere in the batch that reuses an id refuses the whole batch", arguments: [1, 64, 199])
    func signingRefusesReusedID(position: Int) throws {
        try withTemporaryDirectory("bulk-reuse") { root in
            let fixture = try TamperFixture(root: root)
            var events = try Self.notes(fixture.ledger, count: 200, author: fixture.alice)
            events[position].id = events[position - 1].id
            let refused = try Self.expectSameRefusal(fixture, events, key: fixture.alice)
            #expect(refused?.message.hasPrefix("event \(position + 1) of 200: event id \(events[position].id) was already used at seq \(50 + position - 1)") == true,
                    "\(String(describing: refused))")
        }
    }

    @Test("an event signed by another key than its author names is refused before anything is signed")
    func signingRefusesOtherAuthor() throws {
        try withTemporaryDirectory("bulk-author") { root in
            let fixture = try TamperFixture(root: root)
            var events = try Self.notes(fixture.ledger, count: 100, author: fixture.alice)
            events[40].author = fixture.bob.id
            let before = try Self.files(fixture.directory)
            let refused = #expect(throws: LedgerError.self) { _ = try fixture.ledger.appendSigning(events, with: fixture.alice) }
            #expect(refused?.message.hasPrefix("event 41: event author \(fixture.bob.id) is not the signing key") == true)
            #expect(try Self.files(fixture.directory) == before)
        }
    }

    @Test("dry run checks everything and writes nothing")
    func signingDryRun() throws {
        try withTemporaryDirectory("bulk-dry") { root in
            let fixture = try TamperFixture(root: root)
            let before = try Self.files(fixture.directory)
            let outcomes = try fixture.ledger.appendSigning(try Self.notes(fixture.ledger, count: 300, author: fixture.bob), with: fixture.bob, dryRun: true)
            #expect(outcomes.last == .appended(seq: 349))
            #expect(try Self.files(fixture.directory) == before)
        }
    }

    @Test("bulk submit: already recorded events are reported at their seq, new ones appended, one checkpoint")
    func encodedIdempotent() throws {
        try withTemporaryDirectory("bulk-idem") { root in
            let fixture = try TamperFixture(root: root)
            let first = try Self.signed(try Self.notes(fixture.ledger, count: 100, author: fixture.alice), fixture.alice)
            _ = try fixture.ledger.append(encoded: first.map(EncodedEvent.init))
            let second = try Self.signed(try Self.notes(fixture.ledger, count: 100, first: 5000, author: fixture.bob), fixture.bob)
            let batch = Array(first[30..<60]) + second + [first[0]]
            let checkpoints = try fixture.ledger.issuedCheckpoints().count
            let outcomes = try fixture.ledger.append(encoded: batch.map(EncodedEvent.init))
            #expect(Array(outcomes[..<30]) == (80..<110).map { AppendOutcome.alreadyRecorded(seq: $0) })
            #expect(Array(outcomes[30..<130]) == (150..<250).map { AppendOutcome.appended(seq: $0) })
            #expect(outcomes[130] == .alreadyRecorded(seq: 50))
            #expect(try fixture.ledger.issuedCheckpoints().count == checkpoints + 1)
            #expect(try fixture.ledger.verify().failure == nil)
            let again = try fixture.ledger.append(encoded: batch.map(EncodedEvent.init))
            #expect(again.allSatisfy { if case .alreadyRecorded = $0 { true } else { false } })
        }
    }

    @Test("bulk submit: a different event reusing a recorded id, or one bad signature, refuses the whole batch", arguments: [0, 70, 149])
    func encodedAllOrNothing(position: Int) throws {
        try withTemporaryDirectory("bulk-clash") { root in
            let fixture = try TamperFixture(root: root)
            let recorded = try Self.signed(try Self.notes(fixture.ledger, count: 10, first: 9000, author: fixture.alice), fixture.alice)
            _ = try fixture.ledger.append(recorded)
            let before = try Self.files(fixture.directory)
            var batch = try Self.signed(try Self.notes(fixture.ledger, count: 150, author: fixture.bob), fixture.bob)
            var clash = batch[position]
            clash.event.id = recorded[3].event.id
            clash = try EventSignature.sign(clash.event, with: fixture.bob)
            let original = batch[position]
            batch[position] = clash
            let reused = #expect(throws: LedgerError.self) { _ = try fixture.ledger.append(encoded: batch.map(EncodedEvent.init)) }
            #expect(reused?.message == "event \(position + 1) of 150: event id \(recorded[3].event.id) is already used at seq 53 by a different event; sign the event again with a new id")
            #expect(try Self.files(fixture.directory) == before)
            batch[position] = original
            batch[position].signature[5] ^= 1
            let forged = #expect(throws: LedgerError.self) { _ = try fixture.ledger.append(encoded: batch.map(EncodedEvent.init)) }
            #expect(forged?.message.hasPrefix("event \(position + 1) of 150: signature does not verify") == true, "\(String(describing: forged))")
            #expect(try Self.files(fixture.directory) == before)
        }
    }

    @Test("a batch file: empty lines skipped, lines numbered from 1, the first bad line named")
    func parseLines() throws {
        try withTemporaryDirectory("bulk-lines") { root in
            let fixture = try TamperFixture(root: root)
            let events = try Self.signed(try Self.notes(fixture.ledger, count: 300, author: fixture.alice), fixture.alice)
            var text = events.map { $0.fileBytes }
            text.insert([0x0a], at: 2)
            let parsed = try EncodedEvent.parseLines(Array(text.joined()))
            #expect(parsed.map(\.event.signed) == events)
            #expect(parsed.map(\.line) == [1, 2] + Array(4...301))
            text[250] = Array(#"{"sig":"x"}"#.utf8) + [0x0a]
            let refused = #expect(throws: LedgerError.self) { _ = try EncodedEvent.parseLines(Array(text.joined())) }
            #expect(refused?.message.hasPrefix("line 251: ") == true, "\(String(describing: refused))")
        }
    }
}
