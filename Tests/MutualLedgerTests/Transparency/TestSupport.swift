import Foundation
import MutualLedger

/// Stored hashes kept in memory, counting how many hashes are read.
final class CountingReader: HashReader {
    var hashes: [MerkleHash] = []
    var reads = 0
    var leafCount: Int64 = 0

    init(leafHashes: [MerkleHash] = []) throws {
        try append(leafHashes)
    }

    func append(_ leafHashes: [MerkleHash]) throws {
        for leaf in leafHashes {
            hashes += try Merkle.storedHashesForRecord(leafCount, leafHash: leaf, reader: self)
            leafCount += 1
        }
        reads = 0
    }

    func readHashes(_ indexes: [Int64]) throws(LedgerError) -> [MerkleHash] {
        reads += indexes.count
        return indexes.map { hashes[Int($0)] }
    }
}

/// The RFC 6962 §2.1 definitions, written as literally as possible: MTH, PATH and PROOF.
enum Naive {
    static func split(_ n: Int) -> Int {
        var k = 1
        while k * 2 < n { k *= 2 }
        return k
    }

    static func mth(_ d: ArraySlice<MerkleHash>) -> MerkleHash {
        switch d.count {
        case 0: return Merkle.emptyRoot
        case 1: return d[d.startIndex]
        default:
            let k = split(d.count)
            return Merkle.nodeHash(mth(d.prefix(k)), mth(d.dropFirst(k)))
        }
    }

    static func path(_ m: Int, _ d: ArraySlice<MerkleHash>) -> [MerkleHash] {
        if d.count <= 1 { return [] }
        let k = split(d.count)
        if m < k { return path(m, d.prefix(k)) + [mth(d.dropFirst(k))] }
        return path(m - k, d.dropFirst(k)) + [mth(d.prefix(k))]
    }

    static func proof(_ m: Int, _ d: ArraySlice<MerkleHash>) -> [MerkleHash] {
        if m == 0 || m == d.count { return [] }
        return subproof(m, d, true)
    }

    static func subproof(_ m: Int, _ d: ArraySlice<MerkleHash>, _ b: Bool) -> [MerkleHash] {
        if m == d.count { return b ? [] : [mth(d)] }
        let k = split(d.count)
        if m <= k { return subproof(m, d.prefix(k), b) + [mth(d.dropFirst(k))] }
        return subproof(m - k, d.dropFirst(k), false) + [mth(d.prefix(k))]
    }
}

/// Deterministic pseudo-random numbers (SplitMix64) so failures reproduce.
func testLeaves(_ n: Int) -> [[UInt8]] {
    (0..<n).map { Array("event \($0)".utf8) }
}

func hash(hex: String) -> MerkleHash {
    guard let h = MerkleHash(hex: hex) else { preconditionFailure("bad test vector \(hex)") }
    return h
}

func flipBit(_ h: MerkleHash, _ bit: Int) -> MerkleHash {
    var bytes = h.bytes
    bytes[bit / 8] ^= UInt8(1) << (bit % 8)
    guard let flipped = MerkleHash(bytes: bytes) else { preconditionFailure() }
    return flipped
}

func temporaryDirectory() throws -> URL {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("mutual-tlog-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    return url
}
