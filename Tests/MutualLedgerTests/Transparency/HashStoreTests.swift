import Foundation
import MutualLedger
import Testing

@Suite struct HashStoreTests {
    static let leaves = testLeaves(300)
    static let leafHashes = leaves.map { Merkle.leafHash($0) }

    func bytes(_ url: URL) throws -> Data { try Data(contentsOf: url) }

    @Test func batchesEqualOneAppendEqualRebuild() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let batched = try HashStore(url: dir.appendingPathComponent("batched"))
        #expect(batched.count == 0)
        #expect(try batched.root(size: 0) == Merkle.emptyRoot)
        var rng = SplitMix64(seed: 42)
        var next = 0
        while next < Self.leafHashes.count {
            let n = min(Int.random(in: 0...17, using: &rng), Self.leafHashes.count - next)
            try batched.append(leafHashes: Array(Self.leafHashes[next..<next + n]))
            next += n
            #expect(batched.count == Int64(next))
        }
        let single = try HashStore(url: dir.appendingPathComponent("single"))
        try single.append(leafHashes: Self.leafHashes)
        let rebuilt = try HashStore.rebuild(at: dir.appendingPathComponent("rebuilt"), leaves: Self.leaves)
        let expected = try bytes(single.url)
        #expect(expected.count == 32 * Int(Merkle.storedHashCount(300)))
        #expect(try bytes(batched.url) == expected)
        #expect(try bytes(rebuilt.url) == expected)
        #expect(rebuilt.count == 300)
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: dir.path).sorted()
        #expect(leftovers == ["batched", "rebuilt", "single"])

        let all = Self.leafHashes[...]
        for size in 0...300 {
            #expect(try rebuilt.root(size: Int64(size)) == Naive.mth(all.prefix(size)))
        }
        #expect(throws: LedgerError.self) { try rebuilt.root(size: 301) }

        let reopened = try HashStore(url: single.url)
        #expect(reopened.count == 300)
        let proof = try Merkle.proveInclusion(index: 123, size: 300, reader: reopened)
        try Merkle.checkInclusion(proof: proof, index: 123, size: 300, root: Naive.mth(all), leafHash: Self.leafHashes[123])
    }

    @Test func truncateThenAppendAgain() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let store = try HashStore(url: dir.appendingPathComponent("hashes"))
        try store.append(leafHashes: Self.leafHashes)
        let full = try bytes(store.url)
        for n in [299, 256, 77, 1, 0] {
            try store.truncate(toLeaves: Int64(n))
            #expect(store.count == Int64(n))
            #expect(try HashStore(url: store.url).count == Int64(n))
            #expect(try store.root(size: Int64(n)) == Naive.mth(Self.leafHashes.prefix(n)))
        }
        #expect(throws: LedgerError.self) { try store.truncate(toLeaves: 1) }
        try store.append(leafHashes: Self.leafHashes)
        #expect(try bytes(store.url) == full)
    }

    @Test func rejectsTornFile() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let url = dir.appendingPathComponent("hashes")
        for size in [2 * 32, 33, 5 * 32] {  // 2 and 5 hashes are no whole tree; 33 bytes is no whole hash
            try Data(repeating: 0, count: size).write(to: url)
            #expect(throws: LedgerError.self) { try HashStore(url: url) }
        }
        try HashStore.rebuild(at: url, leaves: Self.leaves.prefix(3))
        #expect(try HashStore(url: url).count == 3)
    }

    @Test func readsAreLogarithmic() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let store = try HashStore.rebuild(at: dir.appendingPathComponent("hashes"), leaves: Self.leaves)
        let counting = CountingStore(store)
        _ = try Merkle.treeHash(size: 300, reader: counting)
        #expect(counting.reads <= 2 * 9 + 1)
        counting.reads = 0
        _ = try Merkle.proveInclusion(index: 299, size: 300, reader: counting)
        #expect(counting.reads <= 2 * 9 + 1)
        counting.reads = 0
        _ = try Merkle.storedHashesForRecord(300, leafHash: Merkle.emptyRoot, reader: counting)
        #expect(counting.reads <= 9)
    }
}

/// Passes reads through to a store, counting them.
final class CountingStore: HashReader {
    let store: HashStore
    var reads = 0
    init(_ store: HashStore) { self.store = store }
    func readHashes(_ indexes: [Int64]) throws(LedgerError) -> [MerkleHash] {
        reads += indexes.count
        return try store.readHashes(indexes)
    }
}
