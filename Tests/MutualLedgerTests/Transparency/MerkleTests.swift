import Foundation
import MutualLedger
import Testing

// Known answers from transparency-dev/merkle: rfc6962/rfc6962_test.go and proof/verify_test.go.
private let referenceLeaves: [[UInt8]] = [
    [], [0x00], [0x10], [0x20, 0x21], [0x30, 0x31], [0x40, 0x41, 0x42, 0x43],
    [0x50, 0x51, 0x52, 0x53, 0x54, 0x55, 0x56, 0x57],
    [0x60, 0x61, 0x62, 0x63, 0x64, 0x65, 0x66, 0x67, 0x68, 0x69, 0x6a, 0x6b, 0x6c, 0x6d, 0x6e, 0x6f],
]

private let referenceRoots = [
    "6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d",
    "fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125",
    "aeb6bcfe274b70a14fb067a5e5578264db0fa9b51af5e0ba159158f329e06e77",
    "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7",
    "4e3bbb1f7b478dcfe71fb631631519a3bca12c9aefca1612bfce4c13a86264d4",
    "76e67dadbcdf1e10e1b74ddc608abd2f98dfb16fbce75277b5232a127f2087ef",
    "ddb89be403809e325750d3d263cd78929c2942b7942a34b77e122c9594a74c8c",
    "5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328",
].map(hash(hex:))

private struct InclusionVector: Sendable, CustomStringConvertible {
    var index: Int64
    var size: Int64
    var proof: [String]
    var description: String { "leaf \(index) of \(size)" }
}

private struct ConsistencyVector: Sendable, CustomStringConvertible {
    var from: Int64
    var to: Int64
    var proof: [String]
    var description: String { "\(from) -> \(to)" }
}

private let inclusionVectors = [
    InclusionVector(index: 0, size: 1, proof: []),
    InclusionVector(index: 0, size: 8, proof: [
        "96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7",
        "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
        "6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4",
    ]),
    InclusionVector(index: 5, size: 8, proof: [
        "bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b",
        "ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0",
        "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7",
    ]),
    InclusionVector(index: 2, size: 3, proof: [
        "fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125",
    ]),
    InclusionVector(index: 1, size: 5, proof: [
        "6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d",
        "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
        "bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b",
    ]),
]

private let consistencyVectors = [
    ConsistencyVector(from: 1, to: 1, proof: []),
    ConsistencyVector(from: 1, to: 8, proof: [
        "96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7",
        "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
        "6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4",
    ]),
    ConsistencyVector(from: 6, to: 8, proof: [
        "0ebc5d3437fbe2db158b9f126a1d118e308181031d0a949f8dededebc558ef6a",
        "ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0",
        "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7",
    ]),
    ConsistencyVector(from: 2, to: 5, proof: [
        "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
        "bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b",
    ]),
    ConsistencyVector(from: 6, to: 7, proof: [
        "0ebc5d3437fbe2db158b9f126a1d118e308181031d0a949f8dededebc558ef6a",
        "b08693ec2e721597130641e8211e7eedccb4c26413963eee6c1e2ed16ffb1a5f",
        "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7",
    ]),
]

@Suite struct MerkleKnownAnswerTests {
    @Test func hashes() {
        #expect(Merkle.emptyRoot.hex == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
        #expect(Merkle.leafHash([]).hex == "6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d")
        #expect(Merkle.leafHash(Array("L123456".utf8)).hex == "395aa064aa4c29f7010acfe3f25db9485bbd4b91897b6ad7ad547639252b4d56")
    }

    @Test func encodings() throws {
        let h = Merkle.emptyRoot
        #expect(h.base64 == "47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=")
        #expect(MerkleHash(base64: h.base64) == h)
        #expect(MerkleHash(hex: h.hex) == h)
        #expect(MerkleHash(base64: "47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU") == nil)  // no padding
        #expect(MerkleHash(base64: "47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFV=") == nil)  // stray bits
        #expect(MerkleHash(hex: String(h.hex.dropLast(2))) == nil)
        #expect(MerkleHash(bytes: [UInt8](repeating: 0, count: 31)) == nil)
    }

    @Test func referenceRootsForEverySize() throws {
        let reader = try CountingReader(leafHashes: referenceLeaves.map { Merkle.leafHash($0) })
        for size in 1...8 {
            #expect(try Merkle.treeHash(size: Int64(size), reader: reader) == referenceRoots[size - 1])
        }
        #expect(try Merkle.treeHash(size: 0, reader: reader) == Merkle.emptyRoot)
    }

    @Test(arguments: inclusionVectors)
    fileprivate func referenceInclusion(_ v: InclusionVector) throws {
        let leafHashes = referenceLeaves.map { Merkle.leafHash($0) }
        let reader = try CountingReader(leafHashes: leafHashes)
        let proof = try Merkle.proveInclusion(index: v.index, size: v.size, reader: reader)
        #expect(proof == v.proof.map(hash(hex:)))
        try Merkle.checkInclusion(proof: proof, index: v.index, size: v.size, root: referenceRoots[Int(v.size) - 1], leafHash: leafHashes[Int(v.index)])
    }

    @Test(arguments: consistencyVectors)
    fileprivate func referenceConsistency(_ v: ConsistencyVector) throws {
        let reader = try CountingReader(leafHashes: referenceLeaves.map { Merkle.leafHash($0) })
        let proof = try Merkle.proveConsistency(from: v.from, to: v.to, reader: reader)
        #expect(proof == v.proof.map(hash(hex:)))
        try Merkle.checkConsistency(proof: proof, from: v.from, to: v.to, oldRoot: referenceRoots[Int(v.from) - 1], newRoot: referenceRoots[Int(v.to) - 1])
    }

    @Test func storedHashLayout() {
        #expect((0...8).map { Merkle.storedHashCount($0) } == [0, 1, 3, 4, 7, 8, 10, 11, 15])
        #expect(Merkle.storedHashIndex(level: 0, n: 0) == 0)
        #expect(Merkle.storedHashIndex(level: 0, n: 1) == 1)
        #expect(Merkle.storedHashIndex(level: 1, n: 0) == 2)
        #expect(Merkle.storedHashIndex(level: 0, n: 3) == 4)
        #expect(Merkle.storedHashIndex(level: 2, n: 0) == 6)
        #expect(Merkle.storedHashIndex(level: 3, n: 0) == 14)
    }
}

@Suite struct MerkleCrossCheckTests {
    static let leafHashes = testLeaves(64).map { Merkle.leafHash($0) }

    /// Bits flipped in each proof hash: every bit for small trees, a spread of
    /// bits (first, last, and across every byte) beyond, to keep the run short.
    static func bits(_ size: Int) -> [Int] {
        size <= 8 ? Array(0..<256) : [0, 7, 8, 63, 64, 127, 128, 200, 255]
    }

    @Test(arguments: 1...64)
    func inclusionMatchesNaive(size: Int) throws {
        let reader = try CountingReader(leafHashes: Self.leafHashes)
        let all = Self.leafHashes[...]
        let root = Naive.mth(all.prefix(size))
        #expect(try Merkle.treeHash(size: Int64(size), reader: reader) == root)
        var accepted: [String] = []
        func mustFail(_ what: String, _ proof: [MerkleHash], index: Int, size: Int, leaf: MerkleHash) {
            if (try? Merkle.checkInclusion(proof: proof, index: Int64(index), size: Int64(size), root: root, leafHash: leaf)) != nil {
                accepted.append(what)
            }
        }
        for index in 0..<size {
            let proof = try Merkle.proveInclusion(index: Int64(index), size: Int64(size), reader: reader)
            #expect(proof == Naive.path(index, all.prefix(size)))
            let leaf = Self.leafHashes[index]
            try Merkle.checkInclusion(proof: proof, index: Int64(index), size: Int64(size), root: root, leafHash: leaf)
            for i in proof.indices {
                for bit in Self.bits(size) {
                    var bad = proof
                    bad[i] = flipBit(bad[i], bit)
                    mustFail("leaf \(index): bit \(bit) of proof[\(i)]", bad, index: index, size: size, leaf: leaf)
                }
            }
            for wrong in 0..<size + 2 where wrong != index {
                mustFail("leaf \(index) as \(wrong)", proof, index: wrong, size: size, leaf: leaf)
            }
            // A proof fixes the size only up to trees whose path has the same shape;
            // a different height always changes it. (The root pins the size.)
            for wrong in [size * 2, size / 2] where wrong != size {
                mustFail("leaf \(index) in size \(wrong)", proof, index: index, size: wrong, leaf: leaf)
            }
            mustFail("leaf \(index) with wrong leaf", proof, index: index, size: size, leaf: Merkle.emptyRoot)
            mustFail("leaf \(index) with trailing hash", proof + [root], index: index, size: size, leaf: leaf)
            if !proof.isEmpty {
                mustFail("leaf \(index) with last hash dropped", Array(proof.dropLast()), index: index, size: size, leaf: leaf)
                mustFail("leaf \(index) with leading hash", [proof[0]] + proof, index: index, size: size, leaf: leaf)
            }
        }
        #expect(accepted.isEmpty, "corrupted proofs accepted: \(accepted.prefix(10))")
    }

    @Test(arguments: 0...64)
    func consistencyMatchesNaive(to: Int) throws {
        let reader = try CountingReader(leafHashes: Self.leafHashes)
        let all = Self.leafHashes[...]
        let newRoot = Naive.mth(all.prefix(to))
        var accepted: [String] = []
        for from in 0...to {
            let oldRoot = Naive.mth(all.prefix(from))
            func mustFail(_ what: String, _ proof: [MerkleHash], from: Int, to: Int, old: MerkleHash, new: MerkleHash) {
                if (try? Merkle.checkConsistency(proof: proof, from: Int64(from), to: Int64(to), oldRoot: old, newRoot: new)) != nil {
                    accepted.append(what)
                }
            }
            let proof = try Merkle.proveConsistency(from: Int64(from), to: Int64(to), reader: reader)
            #expect(proof == Naive.proof(from, all.prefix(to)))
            try Merkle.checkConsistency(proof: proof, from: Int64(from), to: Int64(to), oldRoot: oldRoot, newRoot: newRoot)
            for i in proof.indices {
                for bit in Self.bits(to) {
                    var bad = proof
                    bad[i] = flipBit(bad[i], bit)
                    mustFail("\(from): bit \(bit) of proof[\(i)]", bad, from: from, to: to, old: oldRoot, new: newRoot)
                }
            }
            guard from > 0 && from < to else { continue }
            for wrong in [from - 1, from + 1, from ^ 2] where wrong != from && wrong <= to {
                mustFail("\(from) as \(wrong)", proof, from: wrong, to: to, old: oldRoot, new: newRoot)
            }
            for wrong in [to * 2, to / 2] where wrong != to {
                mustFail("\(from) to \(wrong)", proof, from: from, to: wrong, old: oldRoot, new: newRoot)
            }
            mustFail("\(from) swapped roots", proof, from: from, to: to, old: newRoot, new: oldRoot)
            mustFail("\(from) empty proof", [], from: from, to: to, old: oldRoot, new: newRoot)
            mustFail("\(from) trailing hash", proof + [newRoot], from: from, to: to, old: oldRoot, new: newRoot)
            mustFail("\(from) leading hash", [proof[0]] + proof, from: from, to: to, old: oldRoot, new: newRoot)
            mustFail("\(from) last hash dropped", Array(proof.dropLast()), from: from, to: to, old: oldRoot, new: newRoot)
        }
        #expect(accepted.isEmpty, "corrupted proofs accepted: \(accepted.prefix(10))")
    }

    @Test func edgeCasesAreRejected() throws {
        let reader = try CountingReader(leafHashes: Self.leafHashes)
        #expect(throws: LedgerError.self) { try Merkle.proveInclusion(index: 3, size: 3, reader: reader) }
        #expect(throws: LedgerError.self) { try Merkle.proveInclusion(index: -1, size: 3, reader: reader) }
        #expect(throws: LedgerError.self) { try Merkle.proveConsistency(from: 4, to: 3, reader: reader) }
        let root = Merkle.emptyRoot
        #expect(throws: LedgerError.self) { try Merkle.checkInclusion(proof: [], index: 0, size: 0, root: root, leafHash: root) }
        #expect(throws: LedgerError.self) { try Merkle.checkConsistency(proof: [], from: 2, to: 1, oldRoot: root, newRoot: root) }
        #expect(throws: LedgerError.self) { try Merkle.checkConsistency(proof: [root], from: 1, to: 1, oldRoot: root, newRoot: root) }
        #expect(throws: LedgerError.self) { try Merkle.checkConsistency(proof: [], from: 0, to: 1, oldRoot: Self.leafHashes[0], newRoot: root) }
    }

    @Test(arguments: [1, 2, 3, 1000, 1023, 1024, 1025, 4097])
    func readsAreLogarithmic(size: Int) throws {
        let reader = try CountingReader(leafHashes: testLeaves(size).map { Merkle.leafHash($0) })
        let bound = 2 * (Int64.bitWidth - Int64(size).leadingZeroBitCount) + 1
        reader.reads = 0
        _ = try Merkle.treeHash(size: Int64(size), reader: reader)
        #expect(reader.reads <= bound)
        for index in Set([0, size / 3, size / 2, size - 1]) {
            reader.reads = 0
            _ = try Merkle.proveInclusion(index: Int64(index), size: Int64(size), reader: reader)
            #expect(reader.reads <= bound)
            reader.reads = 0
            _ = try Merkle.proveConsistency(from: Int64(index + 1), to: Int64(size), reader: reader)
            #expect(reader.reads <= bound)
        }
        reader.reads = 0
        try reader.append([Merkle.leafHash([1, 2, 3])])
        let last = try Merkle.storedHashesForRecord(Int64(size), leafHash: Merkle.leafHash([4]), reader: reader)
        #expect(reader.reads <= bound && last.count <= bound)
    }
}
