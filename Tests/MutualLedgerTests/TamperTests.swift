import Foundation
import MutualLedger
import Testing

/// Tampering with a 50-line ledger built through `Ledger.append` (see ``TamperFixture``).
///
/// The rule asserted for single-byte flips: a flip anywhere in line k, *including the newline
/// that ends line k*, makes `verify` fail at seq k. (A flipped newline joins line k with line
/// k + 1, or, for the last line, leaves a torn tail; either way the first bad line starts where
/// line k starts.) Lines before k always still verify, so the failure is never reported earlier.
@Suite struct TamperTests {
    @Test func fixtureVerifies() throws {
        try withTemporaryDirectory("tamper") { dir in
            let fixture = try TamperFixture(root: dir)
            #expect(fixture.lines.count == TamperFixture.lineCount)
            let report = try fixture.ledger.verify()
            #expect(report.isValid)
            #expect(report.verified == TamperFixture.lineCount)
        }
    }

    /// Byte positions to flip in `line` (without its newline): both ends, the newline (index
    /// `line.count`), a digit of `seq`, a hex digit of `prev`, a character of `sig`, points inside
    /// the event, and two seeded pseudo-random ones.
    static func positions(in line: [UInt8], seq: Int) -> [Int] {
        let length = line.count
        var generator = SplitMix64(seed: UInt64(seq) &* 7919)
        var result: Set<Int> = [0, length - 1, length, length / 5, length / 2]
        for (member, skip) in [("\"prev\":\"", 20), ("\"seq\":", 0), ("\"sig\":\"", 30)] {
            if let offset = firstOffset(of: Array(member.utf8), in: line) { result.insert(offset + member.utf8.count + skip) }
        }
        for _ in 0..<2 { result.insert(Int(generator.next() % UInt64(length))) }
        return result.sorted()
    }

    static func firstOffset(of needle: [UInt8], in haystack: [UInt8]) -> Int? {
        guard haystack.count >= needle.count else { return nil }
        return (0...(haystack.count - needle.count)).first { Array(haystack[$0..<($0 + needle.count)]) == needle }
    }

    /// Flip masks, used in turn: 0x01 and 0x04 keep most bytes printable (a digit stays a digit, a
    /// letter a letter), 0x20 changes case, 0x80 breaks UTF-8.
    static let masks: [UInt8] = [0x01, 0x20, 0x04, 0x80]

    @Test func flippingAnyByteFailsAtThatLine() throws {
        try withTemporaryDirectory("flip") { dir in
            let fixture = try TamperFixture(root: dir)
            let original = fixture.lines.map { $0 + [0x0a] }
            var checked = 0
            for seq in original.indices {
                for (index, position) in Self.positions(in: fixture.lines[seq], seq: seq).enumerated() {
                    let mask = Self.masks[(index + seq) % Self.masks.count]
                    var lines = original
                    lines[seq][position] ^= mask
                    try fixture.write(bytes: Array(lines.joined()))
                    let failing = try fixture.failingSeq()
                    #expect(failing == seq, "flip \(String(mask, radix: 16)) at byte \(position) of seq \(seq)")
                    checked += 1
                }
            }
            #expect(checked >= TamperFixture.lineCount * 8)
            try fixture.write(bytes: Array(original.joined()))
            #expect(try fixture.failingSeq() == nil)
        }
    }

    @Test(arguments: [0, 1, 4, 20, 33, 48])
    func deletingALineFailsAtItsSeq(seq: Int) throws {
        try withTemporaryDirectory("delete") { dir in
            let fixture = try TamperFixture(root: dir)
            var lines = fixture.lines
            lines.remove(at: seq)
            try fixture.write(lines)
            #expect(try fixture.failingSeq() == seq)
        }
    }

    /// Cutting whole lines off the end leaves a log that is consistent in itself (nothing follows
    /// them); the checkpoints and hash store issued before the cut are what catch it.
    @Test func truncatingWholeTailLinesIsCaughtByTheCheckpoints() throws {
        try withTemporaryDirectory("truncate") { dir in
            let fixture = try TamperFixture(root: dir)
            try fixture.write(Array(fixture.lines.prefix(40)))
            let report = try fixture.ledger.verify()
            #expect(report.verified == 40)
            #expect(report.failure?.code == .transparency)
            #expect(report.failure?.message.contains("rolled back") == true)
        }
    }

    @Test(arguments: [0, 5, 20, 49])
    func duplicatingALineFailsAtTheCopy(seq: Int) throws {
        try withTemporaryDirectory("duplicate") { dir in
            let fixture = try TamperFixture(root: dir)
            var lines = fixture.lines
            lines.insert(lines[seq], at: seq + 1)
            try fixture.write(lines)
            #expect(try fixture.failingSeq() == seq + 1)
        }
    }

    @Test(arguments: [0, 7, 20, 48])
    func swappingTwoLinesFailsAtTheFirst(seq: Int) throws {
        try withTemporaryDirectory("reorder") { dir in
            let fixture = try TamperFixture(root: dir)
            var lines = fixture.lines
            lines.swapAt(seq, seq + 1)
            try fixture.write(lines)
            #expect(try fixture.failingSeq() == seq)
        }
    }

    @Test(arguments: [1, 25, 49])
    func insertingAForeignLineFailsAtIt(seq: Int) throws {
        try withTemporaryDirectory("insert") { dir in
            let fixture = try TamperFixture(root: dir)
            var lines = fixture.lines
            // A line copied from elsewhere in the log: well formed and signed, but out of place.
            lines.insert(fixture.lines[10], at: seq)
            try fixture.write(lines)
            #expect(try fixture.failingSeq() == seq)
        }
    }

    /// A correctly signed and chained event slipped in at `seq` pushes the original line to seq + 1,
    /// whose `seq` and `prev` no longer fit: the failure names seq + 1.
    @Test(arguments: [1, 25, 49])
    func insertingAWellFormedLineFailsAtTheDisplacedLine(seq: Int) throws {
        try withTemporaryDirectory("insert") { dir in
            let fixture = try TamperFixture(root: dir)
            let signed = try fixture.ledger.sign(type: "note.added", body: ["forged": .bool(true)], key: fixture.steward)
            let forged = LedgerLine(seq: seq, prev: LedgerLine.hash(of: fixture.lines[seq - 1]), signed: signed)
            var lines = fixture.lines
            lines.insert(forged.bytes, at: seq)
            try fixture.write(lines)
            #expect(try fixture.failingSeq() == seq + 1)
        }
    }

    @Test(arguments: [4, 21, 30, 49])
    func resigningWithAnUnenrolledKeyFailsAtThatSeq(seq: Int) throws {
        try withTemporaryDirectory("unenrolled") { dir in
            let fixture = try TamperFixture(root: dir)
            try fixture.write(try fixture.resigned(seq: seq, with: fixture.stranger))
            let failure = try fixture.ledger.verify().failure
            #expect(failure?.seq == seq)
            #expect(failure?.code == .unknownKey)
            #expect(failure?.message.contains("not enrolled") == true)
        }
    }

    @Test(arguments: [21, 35, 49])
    func resigningWithARevokedKeyFailsAtThatSeq(seq: Int) throws {
        try withTemporaryDirectory("revoked") { dir in
            let fixture = try TamperFixture(root: dir)
            try fixture.write(try fixture.resigned(seq: seq, with: fixture.dave))
            let failure = try fixture.ledger.verify().failure
            #expect(failure?.seq == seq)
            #expect(failure?.code == .unknownKey)
            #expect(failure?.message.contains("revoked at seq \(TamperFixture.revokedAt)") == true)
        }
    }

    /// Control for the two tests above: re-chaining alone, and dave's key before its revocation, are fine.
    @Test func resigningWithAnActiveKeyBeforeRevocationStillVerifies() throws {
        try withTemporaryDirectory("control") { dir in
            let fixture = try TamperFixture(root: dir)
            try fixture.write(try fixture.resigned(seq: 10, with: fixture.dave))
            try fixture.reissueTransparencyFiles()
            #expect(try fixture.failingSeq() == nil)
        }
    }

    @Test func changingABodyWithoutResigningFailsSignature() throws {
        try withTemporaryDirectory("body") { dir in
            let fixture = try TamperFixture(root: dir)
            var line = try LedgerLine(bytes: fixture.lines[30])
            line.signed.event.body["n"] = .integer(31)
            var lines = fixture.lines
            lines[30] = line.bytes
            try fixture.write(lines)
            let failure = try fixture.ledger.verify().failure
            #expect(failure?.seq == 30)
            #expect(failure?.code == .invalidSignature)
        }
    }
}
