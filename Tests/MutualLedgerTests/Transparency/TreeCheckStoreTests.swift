import Foundation
@testable import MutualLedger
import Testing

/// `verify` compares the hash store with the tree as each line's hashes are made: every stored
/// hash that differs is caught and named by the line whose leaf added it to the store.
@Suite struct TreeCheckStoreTests {
    /// The line that adds each stored hash, in file order (the leaf, then each subtree it completes).
    static func lineOfEachStoredHash(_ lines: [[UInt8]]) -> [Int] {
        var tree = MerkleAccumulator()
        var owners: [Int] = []
        for (index, line) in lines.enumerated() {
            owners += Array(repeating: index, count: tree.append(Merkle.leafHash(line)).count)
        }
        return owners
    }

    @Test func everyChangedStoredHashIsCaughtAtItsLine() throws {
        try withTemporaryDirectory("tree-store") { dir in
            let fixture = try TamperFixture(root: dir)
            let original = try Data(contentsOf: fixture.directory.hashes)
            let owners = Self.lineOfEachStoredHash(fixture.lines)
            #expect(owners.count * MerkleHash.byteCount == original.count)
            #expect(try fixture.ledger.verify().isValid)
            for (index, line) in owners.enumerated() {
                var damaged = original
                damaged[index * MerkleHash.byteCount + (index * 7) % MerkleHash.byteCount] ^= 0x40
                try damaged.write(to: fixture.directory.hashes)
                let report = try fixture.ledger.verify()
                #expect(report.verified == TamperFixture.lineCount, "hash \(index)")
                #expect(report.failure?.message == "the hashes file differs from the log at line \(line); run `mutual repair --hashes` to rebuild it",
                        "hash \(index)")
            }
            try original.write(to: fixture.directory.hashes)
            #expect(try fixture.ledger.verify().isValid)
        }
    }
}
