import Foundation

/// The transparency half of `verify --since-watermark`: the Merkle tree resumed from the
/// watermark's peaks, the new leaves folded in, and the checkpoints issued since the watermark,
/// the latest checkpoint and the hash store's new part compared with it, with the same messages
/// as the full pass (``TreeCheck``). Anything it cannot decide from the watermark alone (a
/// checkpoint or stored hash it cannot place) is a ``WatermarkMismatch``: verify everything instead.
///
/// ```swift
/// var tree = try ResumedTreeCheck(peaks: mark.peaks, size: n, store: store, notes: notes)
/// tree.append(lineBytes)                   // every line after the watermark, in order
/// let failure = tree.finish(registry: fold.registry)
/// ```
struct ResumedTreeCheck {
    private(set) var tree: MerkleAccumulator
    private let store: HashStore
    private let start: Int64
    private var checkpoints = CheckpointMatch()
    /// The stored-hash bytes the new leaves must have in the store, and where each leaf's end.
    private var expected: [UInt8] = []
    private var leafEnds: [Int] = []

    /// `notes`: checkpoints not yet verified (those issued after the watermark and the latest), each with its source.
    init(peaks: [String], size: Int64, store: HashStore, notes: [(SignedNote, String)]) throws(WatermarkMismatch) {
        var hashes: [MerkleHash] = []
        for text in peaks {
            guard let hash = MerkleHash(base64: text) else { throw WatermarkMismatch("the watermark has a peak that is not a hash") }
            hashes.append(hash)
        }
        guard let tree = try? MerkleAccumulator(peaks: hashes, size: size) else {
            throw WatermarkMismatch("the watermark's peaks do not make a tree of its size")
        }
        self.tree = tree
        self.store = store
        start = size
        let root = tree.root
        // The store must still hold the verified tree: its root at the watermark is the peaks' root.
        guard store.count >= size, (try? store.root(size: size)) == root else {
            throw WatermarkMismatch("the hashes file no longer holds the verified tree")
        }
        for (note, source) in notes {
            guard let checkpoint = try? Checkpoint.parse(note.text) else { throw WatermarkMismatch("\(source) cannot be parsed") }
            if checkpoint.size > size {
                checkpoints.expect(note, size: checkpoint.size, source: source)
                continue
            }
            // A checkpoint at or below the watermark: it must be a prefix of the verified tree.
            guard let proof = try? Merkle.proveConsistency(from: checkpoint.size, to: size, reader: store),
                  (try? Merkle.checkConsistency(proof: proof, from: checkpoint.size, to: size, oldRoot: checkpoint.root, newRoot: root)) != nil
            else { throw WatermarkMismatch("\(source) (size \(checkpoint.size)) is not a prefix of the verified tree") }
            checkpoints.alreadyMatched(note, source: source)
        }
    }

    /// Adds the next line's leaf and compares the tree with the checkpoints of this size.
    mutating func append(_ line: UnsafeRawBufferPointer) {
        let stored = tree.append(Merkle.leafHash(line))
        if tree.size <= store.count {
            for hash in stored { expected += hash.bytes }
            leafEnds.append(expected.count)
        }
        checkpoints.reached(tree)
    }

    /// After the last line: as ``TreeCheck/finish(registry:)`` for what this run read.
    func finish(registry: KeyRegistry) -> LedgerError? {
        if let failure = checkpoints.finish(size: tree.size, registry: registry) { return failure }
        guard store.count <= tree.size else {
            return LedgerError(.transparency, "the hashes file covers \(store.count) lines but the log has \(tree.size); lines were removed from the log")
        }
        guard !expected.isEmpty else { return nil }
        let offset = Int64(MerkleHash.byteCount) * Merkle.storedHashCount(start)
        let bytes = (try? FileIO.read(store.fd, count: expected.count, at: offset, path: store.url.path)) ?? []
        guard bytes != expected else { return nil }
        var begin = 0
        for (index, end) in leafEnds.enumerated() {
            if bytes.count < end || bytes[begin..<end] != expected[begin..<end] {
                return LedgerError(.transparency, "the hashes file differs from the log at line \(start + Int64(index)); run `mutual repair --hashes` to rebuild it")
            }
            begin = end
        }
        return nil
    }
}
