import Foundation
@testable import MutualLedger
import Testing

/// The parts of a bulk append that run apart from the ordered checks: leaf hashes computed after
/// the lines are added, and event ids made in one batch.
@Suite("Bulk append parts")
struct BatchPartsTests {
    @Test("leaf hashes of pending lines are the leaf hashes of each line, in order", arguments: [0, 1, 3, 511, 512, 1500])
    func leafHashes(count: Int) {
        var pending = PendingLines(end: 100)
        pending.reserve(lines: count, bytes: 16)
        var lines: [[UInt8]] = []
        var prev = ""
        for n in 0..<count {
            let line = Array("{\"n\":\(n),\"prev\":\"\(prev)\"}".utf8)
            lines.append(line)
            prev = pending.add(line)
            #expect(prev == LedgerLine.hash(of: line))
        }
        #expect(pending.leafHashes == lines.map { Merkle.leafHash($0) })
        #expect(pending.bytes == Array(lines.map { $0 + [0x0a] }.joined()))
        #expect(pending.count == count)
    }

    @Test("a batch of event ids: valid lowercase version-4 UUIDs, all different", arguments: [0, 1, 1000])
    func eventIDs(count: Int) {
        let ids = EventID.random(count: count)
        #expect(ids.count == count)
        #expect(Set(ids).count == count)
        for id in ids {
            #expect(EventID.isValid(id))
            #expect(Array(id.utf8)[14] == UInt8(ascii: "4"))
            #expect("89ab".utf8.contains(Array(id.utf8)[19]))
        }
    }

    static func notes(_ count: Int) throws -> [SignedEvent] {
        let key = SigningKey.generate()
        return try (0..<count).map { n in
            try Ledger<CoreRules>.sign(type: "note.added", body: ["n": .integer(Int64(n))], partnership: nil, occurred: nil, id: nil,
                                       key: key, recorded: Timestamp(seconds: 1_700_000_000))
        }
    }

    @Test("the line chain, on its own thread or not, builds the lines and hashes built in order", arguments: [0, 3, 255, 256, 1000])
    func lineChain(count: Int) throws {
        let events = try Self.notes(count)
        let chain = LineChain(end: 10, prev: LedgerLine.zeroHash, lines: count)
        var expected = PendingLines(end: 10)
        var prev = LedgerLine.zeroHash
        for (n, signed) in events.enumerated() {
            chain.add(EncodedEvent(signed), seq: n + 5)
            prev = expected.add(LedgerLine(seq: n + 5, prev: prev, signed: signed).bytes)
        }
        let (pending, last) = chain.finish()
        #expect(pending.bytes == expected.bytes)
        #expect(pending.lastOffset == expected.lastOffset)
        #expect(pending.leafHashes == expected.leafHashes)
        #expect(last == prev)
    }

    @Test("a cancelled line chain stops, and cancelling after finishing is harmless")
    func lineChainCancel() throws {
        let events = try Self.notes(600)
        let cancelled = LineChain(end: 0, prev: LedgerLine.zeroHash, lines: events.count)
        for (n, signed) in events.enumerated() { cancelled.add(EncodedEvent(signed), seq: n) }
        cancelled.cancel()
        let finished = LineChain(end: 0, prev: LedgerLine.zeroHash, lines: events.count)
        for (n, signed) in events.enumerated() { finished.add(EncodedEvent(signed), seq: n) }
        let (pending, _) = finished.finish()
        finished.cancel()
        #expect(pending.count == events.count)
    }
}
