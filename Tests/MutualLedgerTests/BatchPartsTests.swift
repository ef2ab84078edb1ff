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
}
