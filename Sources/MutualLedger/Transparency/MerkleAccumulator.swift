/// The RFC 6962 tree root of a stream of leaves, kept in O(log n) memory: the roots of the
/// perfect subtrees that make up the tree so far (largest first), as in a compact range.
///
/// `verify` feeds it every line's leaf hash and compares ``root`` with each checkpoint as the
/// stream passes that checkpoint's size, without a second pass or the hash store.
///
/// ```swift
/// var tree = MerkleAccumulator()
/// tree.append(Merkle.leafHash(Array("a".utf8)))
/// tree.append(Merkle.leafHash(Array("b".utf8)))
/// tree.root   // Merkle.nodeHash(leaf(a), leaf(b))
/// ```
public struct MerkleAccumulator: Sendable {
    /// Perfect subtree roots, largest first; their sizes are the binary digits of `size`.
    public private(set) var peaks: [MerkleHash] = []
    /// Number of leaves appended.
    public private(set) var size: Int64 = 0

    public init() {}

    /// Resumes an accumulator from saved peaks; there must be one peak per 1 bit of `size`.
    public init(peaks: [MerkleHash], size: Int64) throws(LedgerError) {
        guard size >= 0, peaks.count == size.nonzeroBitCount else {
            throw LedgerError(.validation, "\(peaks.count) Merkle peaks cannot make a tree of \(size) leaves; the saved state is damaged")
        }
        self.peaks = peaks
        self.size = size
    }

    /// Adds the next leaf hash. Returns the hashes this leaf adds to the stored-hash layout, in
    /// file order: the leaf hash, then each subtree it completes (``Merkle/storedHashesForRecord(_:leafHash:reader:)``).
    @discardableResult
    public mutating func append(_ leafHash: MerkleHash) -> [MerkleHash] {
        var stored: [MerkleHash] = []
        append(leafHash) { stored.append($0) }
        return stored
    }

    /// ``append(_:)`` handing the hashes this leaf adds to `stored` one by one, in the same
    /// order, instead of in a new array (`verify` compares them with the hash store as they come).
    ///
    /// ```swift
    /// tree.append(leaf) { hash in compare(hash) }   // the leaf, then each subtree it completes
    /// ```
    public mutating func append(_ leafHash: MerkleHash, stored: (MerkleHash) -> Void) {
        var hash = leafHash
        stored(hash)
        var merged = size
        // Each trailing 1 bit of the old size is a peak of equal size that merges with the new one.
        while merged & 1 == 1, let left = peaks.popLast() {
            hash = Merkle.nodeHash(left, hash)
            stored(hash)
            merged >>= 1
        }
        peaks.append(hash)
        size += 1
    }

    /// The tree head of the leaves so far (RFC 6962 §2.1 MTH): the peaks folded right to left.
    public var root: MerkleHash {
        guard var hash = peaks.last else { return Merkle.emptyRoot }
        for peak in peaks.dropLast().reversed() {
            hash = Merkle.nodeHash(peak, hash)
        }
        return hash
    }
}
