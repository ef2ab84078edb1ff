/// Something that can read stored hashes by their stored-hash index.
///
/// ``HashStore`` reads them from the `hashes` file; tests use an array.
///
/// ```swift
/// struct ArrayReader: HashReader {
///     var hashes: [MerkleHash]
///     func readHashes(_ indexes: [Int64]) throws(LedgerError) -> [MerkleHash] {
///         indexes.map { hashes[Int($0)] }
///     }
/// }
/// ```
public protocol HashReader {
    /// Returns the hashes at `indexes`, in the same order.
    func readHashes(_ indexes: [Int64]) throws(LedgerError) -> [MerkleHash]
}

// Stored hashes.
//
// Every complete subtree of the tree is stored exactly once, in the order in
// which it becomes complete while leaves are appended: appending leaf n writes
// its leaf hash, then the hash of every subtree that leaf n completes (one per
// trailing 1 bit of n). The layout is the "stored hash index" of Go's
// golang.org/x/mod/sumdb/tlog, so a file written here can be read there.
//
//     leaves 0..3 -> indexes: 0 L0, 1 L1, 2 H(L0,L1), 3 L2, 4 L3, 5 H(L2,L3), 6 H(2, 5)
extension Merkle {
    /// The number of stored hashes for a tree of `n` leaves: 2n − popcount(n).
    ///
    /// ```swift
    /// Merkle.storedHashCount(4)   // 7
    /// ```
    public static func storedHashCount(_ n: Int64) -> Int64 {
        precondition(n >= 0, "negative tree size")
        return 2 * n - Int64(n.nonzeroBitCount)
    }

    /// The stored-hash index of the complete subtree at `level` whose leaves are
    /// `n << level ..< (n + 1) << level` (level 0 is the leaf `n` itself).
    ///
    /// The subtree is written right after the leaf that completes it, at
    /// position `level` among the hashes written for that leaf.
    ///
    /// ```swift
    /// Merkle.storedHashIndex(level: 2, n: 0)   // 6
    /// ```
    public static func storedHashIndex(level: Int, n: Int64) -> Int64 {
        precondition(level >= 0 && level < 63 && n >= 0, "stored hash index out of range")
        let lastLeaf = ((n + 1) << level) - 1
        return storedHashCount(lastLeaf) + Int64(level)
    }

    /// The stored hashes to append for leaf `n`, given its leaf hash: the leaf
    /// hash itself, then one hash per subtree it completes.
    ///
    /// Reads one stored hash per completed subtree (its left sibling) with a
    /// single `readHashes` call: at most log2(n) + 1 hashes.
    ///
    /// ```swift
    /// let new = try Merkle.storedHashesForRecord(3, leafHash: h3, reader: store)   // [h3, H(h2,h3), H(H(h0,h1),H(h2,h3))]
    /// ```
    public static func storedHashesForRecord(
        _ n: Int64, leafHash: MerkleHash, reader: some HashReader
    ) throws(LedgerError) -> [MerkleHash] {
        precondition(n >= 0, "negative record number")
        let completed = (~n).trailingZeroBitCount  // number of trailing 1 bits of n
        var siblings: [Int64] = []
        for level in 0..<completed {
            siblings.append(storedHashIndex(level: level, n: (n >> level) - 1))
        }
        let left = try readHashes(reader, siblings)
        var out = [leafHash]
        var hash = leafHash
        for sibling in left {
            hash = nodeHash(sibling, hash)
            out.append(hash)
        }
        return out
    }

    /// Reads `indexes` and checks the reader returned one hash per index.
    static func readHashes(_ reader: some HashReader, _ indexes: [Int64]) throws(LedgerError) -> [MerkleHash] {
        if indexes.isEmpty { return [] }
        let hashes = try reader.readHashes(indexes)
        guard hashes.count == indexes.count else {
            throw LedgerError(.transparency, "hash reader returned \(hashes.count) hashes for \(indexes.count) indexes; fix the HashReader implementation")
        }
        return hashes
    }
}
