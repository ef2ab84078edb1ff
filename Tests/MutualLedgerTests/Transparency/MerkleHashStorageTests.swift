import Crypto
import Foundation
import MutualLedger
import Testing

/// The inline 32-byte `MerkleHash` and the accumulator's streaming `append(_:stored:)` hold the
/// same bytes as before: SHA-256 digests byte for byte, and the stored-hash layout unchanged.
@Suite struct MerkleHashStorageTests {
    /// Leaves of different lengths (0 to 700 bytes), as ledger lines are.
    static let leaves: [[UInt8]] = (0..<40).map { index in
        var generator = SplitMix64(seed: UInt64(index) &+ 0x600D)
        return (0..<(index * 17 % 701)).map { _ in UInt8(truncatingIfNeeded: generator.next()) }
    }

    @Test func bytesAreTheDigestInOrder() {
        for leaf in Self.leaves {
            var hasher = SHA256()
            hasher.update(data: [0x00] + leaf)
            let expected = Array(hasher.finalize())
            let hash = Merkle.leafHash(leaf)
            #expect(hash.bytes == expected)
            #expect(hash.withUnsafeBytes { Array($0) } == expected)
            #expect(hash.hex == expected.map { String(format: "%02x", $0) }.joined())
            #expect(MerkleHash(bytes: expected) == hash)
            #expect(MerkleHash(bytes: expected[...]) == hash)           // a slice (contiguous)
            #expect(MerkleHash(bytes: expected.lazy.map { $0 }) == hash) // not contiguous
            #expect(leaf.withUnsafeBytes { Merkle.leafHash($0) } == hash)
        }
    }

    @Test func nodeHashIsSHA256OfPrefixAndBothChildren() {
        for index in 1..<Self.leaves.count {
            let left = Merkle.leafHash(Self.leaves[index - 1]), right = Merkle.leafHash(Self.leaves[index])
            var hasher = SHA256()
            hasher.update(data: [0x01] + left.bytes + right.bytes)
            #expect(Merkle.nodeHash(left, right).bytes == Array(hasher.finalize()))
        }
    }

    @Test(arguments: [0, 1, 31, 33, 64])
    func onlyThirtyTwoBytesMakeAHash(count: Int) {
        #expect(MerkleHash(bytes: [UInt8](repeating: 7, count: count)) == nil)
        #expect(MerkleHash(bytes: [UInt8](repeating: 7, count: count).lazy.map { $0 }) == nil)
    }

    @Test func equalityAndHashingFollowEveryByte() {
        let base = Merkle.leafHash(Self.leaves[5])
        var seen: Set<MerkleHash> = [base]
        for position in 0..<MerkleHash.byteCount {
            var bytes = base.bytes
            bytes[position] ^= 0x80
            let changed = MerkleHash(bytes: bytes)
            #expect(changed != base, "byte \(position)")
            if let changed { seen.insert(changed) }
        }
        #expect(seen.count == MerkleHash.byteCount + 1)
    }

    /// The streaming append gives the same hashes, in the same order, as the array-returning one,
    /// and both accumulators end with the same peaks and root.
    @Test func streamingAppendMatchesTheArrayForm() {
        var arrays = MerkleAccumulator(), streamed = MerkleAccumulator()
        for leaf in Self.leaves {
            let hash = Merkle.leafHash(leaf)
            let expected = arrays.append(hash)
            var got: [MerkleHash] = []
            streamed.append(hash) { got.append($0) }
            #expect(got == expected)
            #expect(got.first == hash)
            #expect(streamed.root == arrays.root)
        }
        #expect(streamed.peaks == arrays.peaks)
        #expect(streamed.size == Int64(Self.leaves.count))
    }
}
