import Crypto

/// The lines of one append batch, built in memory before the single `write` + `fsync`: their
/// bytes (each followed by `\n`) and their Merkle leaf hashes, each line hashed once for `prev`
/// and once for its leaf, from the same bytes.
///
/// ```swift
/// var pending = PendingLines(end: logSize)
/// let hash = pending.add(encoded.lineBytes(seq: seq, prev: prev))   // the next line's prev
/// pending.bytes       // what is written
/// pending.leafHashes  // what the hash store appends
/// ```
struct PendingLines {
    /// Offset of the log's end before the batch.
    let end: Int64
    private(set) var bytes: [UInt8] = []
    private(set) var leafHashes: [MerkleHash] = []
    /// Offset of the start of the last line added.
    private(set) var lastOffset: Int64

    init(end: Int64) {
        self.end = end
        lastOffset = end
    }

    var isEmpty: Bool { leafHashes.isEmpty }

    /// Adds one line (without its newline); returns its hash, lowercase hex (the next `prev`).
    mutating func add(_ line: [UInt8]) -> String {
        lastOffset = end + Int64(bytes.count)
        bytes.append(contentsOf: line)
        bytes.append(0x0a)
        return line.withUnsafeBytes { buffer in
            var leaf = SHA256()
            leaf.update(data: [0x00])
            leaf.update(bufferPointer: buffer)
            leafHashes.append(MerkleHash(digest: leaf.finalize()))
            var hasher = SHA256()
            hasher.update(bufferPointer: buffer)
            return Hex.encode(hasher.finalize())
        }
    }
}
