import Crypto

/// The lines of one append batch, built in memory before the single `write` + `fsync`: their
/// bytes (each followed by `\n`) and their Merkle leaf hashes. Each line's SHA-256 (the next
/// line's `prev`) is computed as it is added, in order; the leaf hashes `SHA-256(0x00 || line)`
/// depend on nothing but the line, so ``leafHashes`` computes them afterwards, on all cores.
///
/// ```swift
/// var pending = PendingLines(end: logSize)
/// pending.reserve(lines: events.count, bytes: events.count * 700)
/// let hash = pending.add(encoded.lineBytes(seq: seq, prev: prev))   // the next line's prev
/// pending.bytes          // what is written
/// pending.leafHashes     // what the hash store appends
/// ```
struct PendingLines {
    /// Offset of the log's end before the batch.
    let end: Int64
    private(set) var bytes: [UInt8] = []
    /// Offset in `bytes` of the start of each line added.
    private var starts: [Int] = []
    /// Offset of the start of the last line added.
    private(set) var lastOffset: Int64

    init(end: Int64) {
        self.end = end
        lastOffset = end
    }

    var isEmpty: Bool { starts.isEmpty }

    /// Number of lines added.
    var count: Int { starts.count }

    /// Makes room for about `lines` lines of `bytes` bytes in all, so that a large batch is not
    /// copied each time its buffer doubles.
    mutating func reserve(lines: Int, bytes total: Int) {
        starts.reserveCapacity(lines)
        bytes.reserveCapacity(total)
    }

    /// Adds one line (without its newline); returns its hash, lowercase hex (the next `prev`).
    mutating func add(_ line: [UInt8]) -> String {
        lastOffset = end + Int64(bytes.count)
        starts.append(bytes.count)
        bytes.append(contentsOf: line)
        bytes.append(0x0a)
        return line.withUnsafeBytes { buffer in
            var hasher = SHA256()
            hasher.update(bufferPointer: buffer)
            return Hex.encode(hasher.finalize())
        }
    }

    /// The Merkle leaf hash of every line added, in order (on all cores for a large batch).
    var leafHashes: [MerkleHash] {
        let bytes = bytes
        let starts = starts
        let count = starts.count
        @Sendable func leaf(_ index: Int) -> MerkleHash {
            // Each line ends with its newline, which the leaf does not cover.
            let upper = (index + 1 < count ? starts[index + 1] : bytes.count) - 1
            return bytes.withUnsafeBytes { Merkle.leafHash(UnsafeRawBufferPointer(rebasing: $0[starts[index]..<upper])) }
        }
        guard count >= 2 * ParallelMap.chunk else { return (0..<count).map(leaf) }
        return ParallelMap.map(count, leaf)
    }
}
