// Tree hashes and proofs over stored hashes.
//
// Proofs are plain arrays of hashes, produced by prove* and checked by check*:
//
//     let proof = try Merkle.proveInclusion(index: 5, size: 8, reader: store)
//     try Merkle.checkInclusion(proof: proof, index: 5, size: 8, root: root, leafHash: leaf5)
//
// prove* follow the definitions of RFC 9162 §2.1.3.1 (PATH) and §2.1.4.1
// (PROOF/SUBPROOF); check* follow the verification steps of §2.1.3.2 and
// §2.1.4.2. Every subtree a proof needs is either stored (complete) or the
// right fold of the few complete subtrees that make it up, so each call reads
// O(log n) stored hashes, in one `readHashes` call.
extension Merkle {
    /// The root of the tree made of the first `size` leaves.
    ///
    /// ```swift
    /// let root = try Merkle.treeHash(size: store.count, reader: store)
    /// ```
    public static func treeHash(size: Int64, reader: some HashReader) throws(LedgerError) -> MerkleHash {
        guard size >= 0 else {
            throw LedgerError(.transparency, "tree size \(size) is negative; pass a size of 0 or more")
        }
        if size == 0 { return emptyRoot }
        return try rangeHashes([(0, size)], reader: reader)[0]
    }

    /// The inclusion proof (audit path) of leaf `index` in the tree of `size` leaves.
    ///
    /// RFC 9162 §2.1.3.1 (https://www.rfc-editor.org/rfc/rfc9162#section-2.1.3.1): sibling hashes from the leaf up to the root.
    ///
    /// ```swift
    /// let proof = try Merkle.proveInclusion(index: 2, size: 5, reader: store)   // 3 hashes
    /// ```
    public static func proveInclusion(index: Int64, size: Int64, reader: some HashReader) throws(LedgerError) -> [MerkleHash] {
        guard index >= 0, index < size else {
            throw LedgerError(.transparency, "cannot prove leaf \(index) in a tree of size \(size); the index must be below the size")
        }
        var ranges: [(Int64, Int64)] = []
        inclusionRanges(index, 0, size, into: &ranges)
        return try rangeHashes(ranges, reader: reader)
    }

    /// Checks that `leafHash` is leaf `index` of the tree of `size` leaves whose root is `root`.
    ///
    /// RFC 9162 §2.1.3.2 (https://www.rfc-editor.org/rfc/rfc9162#section-2.1.3.2).
    /// The root is what pins the size: a proof also checks against sizes whose
    /// path has the same shape, so take `size` and `root` from one checkpoint.
    ///
    /// ```swift
    /// try Merkle.checkInclusion(proof: proof, index: 2, size: 5, root: root, leafHash: Merkle.leafHash(line2))
    /// ```
    public static func checkInclusion(
        proof: [MerkleHash], index: Int64, size: Int64, root: MerkleHash, leafHash: MerkleHash
    ) throws(LedgerError) {
        guard index >= 0, index < size else {
            throw LedgerError(.transparency, "inclusion proof names leaf \(index) of a tree of size \(size); the index must be below the size")
        }
        var fn = index
        var sn = size - 1
        var r = leafHash
        for p in proof {
            guard sn != 0 else { throw inclusionMismatch(index, size, "has too many hashes") }
            if fn & 1 == 1 || fn == sn {
                r = nodeHash(p, r)
                while fn & 1 == 0 && fn != 0 {
                    fn >>= 1
                    sn >>= 1
                }
            } else {
                r = nodeHash(r, p)
            }
            fn >>= 1
            sn >>= 1
        }
        guard sn == 0 else { throw inclusionMismatch(index, size, "has too few hashes") }
        guard r == root else { throw inclusionMismatch(index, size, "does not lead to the expected root") }
    }

    /// The consistency proof that the tree of `from` leaves is a prefix of the tree of `to` leaves.
    ///
    /// RFC 9162 §2.1.4.1 (https://www.rfc-editor.org/rfc/rfc9162#section-2.1.4.1). Empty when `from` is 0 or equals `to`.
    ///
    /// ```swift
    /// let proof = try Merkle.proveConsistency(from: 6, to: 8, reader: store)   // 3 hashes
    /// ```
    public static func proveConsistency(from: Int64, to: Int64, reader: some HashReader) throws(LedgerError) -> [MerkleHash] {
        guard from >= 0, from <= to else {
            throw LedgerError(.transparency, "cannot prove tree size \(from) consistent with smaller size \(to); pass from <= to")
        }
        if from == 0 || from == to { return [] }
        var ranges: [(Int64, Int64)] = []
        consistencyRanges(from, 0, to, complete: true, into: &ranges)
        return try rangeHashes(ranges, reader: reader)
    }

    /// Checks that the tree with root `oldRoot` and `from` leaves is a prefix of
    /// the tree with root `newRoot` and `to` leaves.
    ///
    /// RFC 9162 §2.1.4.2 (https://www.rfc-editor.org/rfc/rfc9162#section-2.1.4.2). With `from == to` the proof must be
    /// empty and the roots equal; with `from == 0` it must be empty and `oldRoot` must be ``emptyRoot``.
    ///
    /// ```swift
    /// try Merkle.checkConsistency(proof: proof, from: 6, to: 8, oldRoot: root6, newRoot: root8)
    /// ```
    public static func checkConsistency(
        proof: [MerkleHash], from: Int64, to: Int64, oldRoot: MerkleHash, newRoot: MerkleHash
    ) throws(LedgerError) {
        guard from >= 0, from <= to else {
            throw LedgerError(.transparency, "tree size went from \(from) to \(to); a log only grows, so this log forked or was truncated")
        }
        if from == to {
            guard proof.isEmpty else { throw consistencyMismatch(from, to, "must be empty for equal sizes") }
            guard oldRoot == newRoot else {
                throw LedgerError(.transparency, "two roots for tree size \(from) differ; the log forked: keep both checkpoints as evidence")
            }
            return
        }
        if from == 0 {
            guard proof.isEmpty else { throw consistencyMismatch(from, to, "must be empty from size 0") }
            guard oldRoot == emptyRoot else { throw consistencyMismatch(from, to, "starts from a non-empty root for size 0") }
            return
        }
        guard !proof.isEmpty else { throw consistencyMismatch(from, to, "is empty") }
        var path = proof
        if from & (from - 1) == 0 { path.insert(oldRoot, at: 0) }  // from is a power of 2
        var fn = from - 1
        var sn = to - 1
        while fn & 1 == 1 {
            fn >>= 1
            sn >>= 1
        }
        var fr = path[0]
        var sr = path[0]
        for c in path.dropFirst() {
            guard sn != 0 else { throw consistencyMismatch(from, to, "has too many hashes") }
            if fn & 1 == 1 || fn == sn {
                fr = nodeHash(c, fr)
                sr = nodeHash(c, sr)
                while fn & 1 == 0 && fn != 0 {
                    fn >>= 1
                    sn >>= 1
                }
            } else {
                sr = nodeHash(sr, c)
            }
            fn >>= 1
            sn >>= 1
        }
        guard sn == 0 else { throw consistencyMismatch(from, to, "has too few hashes") }
        guard fr == oldRoot else { throw consistencyMismatch(from, to, "does not lead to the old root") }
        guard sr == newRoot else { throw consistencyMismatch(from, to, "does not lead to the new root") }
    }

    // MARK: - Ranges

    /// The largest power of two strictly below `n` (n > 1).
    static func splitPoint(_ n: Int64) -> Int64 {
        Int64(1) << (63 - (n - 1).leadingZeroBitCount)
    }

    /// PATH(m, D[lo:hi]) as leaf ranges, deepest sibling first.
    private static func inclusionRanges(_ m: Int64, _ lo: Int64, _ hi: Int64, into out: inout [(Int64, Int64)]) {
        if hi - lo <= 1 { return }
        let k = splitPoint(hi - lo)
        if m < lo + k {
            inclusionRanges(m, lo, lo + k, into: &out)
            out.append((lo + k, hi))
        } else {
            inclusionRanges(m, lo + k, hi, into: &out)
            out.append((lo, lo + k))
        }
    }

    /// SUBPROOF(m, D[lo:hi], complete) as leaf ranges, in proof order.
    private static func consistencyRanges(_ m: Int64, _ lo: Int64, _ hi: Int64, complete: Bool, into out: inout [(Int64, Int64)]) {
        let n = hi - lo
        if m == n {
            if !complete { out.append((lo, hi)) }
            return
        }
        let k = splitPoint(n)
        if m <= k {
            consistencyRanges(m, lo, lo + k, complete: complete, into: &out)
            out.append((lo + k, hi))
        } else {
            consistencyRanges(m - k, lo + k, hi, complete: false, into: &out)
            out.append((lo, lo + k))
        }
    }

    /// The hashes of the leaf ranges `[lo, hi)`, each the right fold of its
    /// complete subtrees (largest first), read with one `readHashes` call.
    private static func rangeHashes(_ ranges: [(Int64, Int64)], reader: some HashReader) throws(LedgerError) -> [MerkleHash] {
        var indexes: [Int64] = []
        var counts: [Int] = []
        for (lo, hi) in ranges {
            var start = lo
            var count = 0
            while start < hi {
                let level = 63 - (hi - start).leadingZeroBitCount
                indexes.append(storedHashIndex(level: level, n: start >> level))
                start += Int64(1) << level
                count += 1
            }
            counts.append(count)
        }
        let hashes = try readHashes(reader, indexes)
        var out: [MerkleHash] = []
        var end = 0
        for count in counts {
            let pieces = hashes[end..<end + count]
            end += count
            var hash = pieces[pieces.endIndex - 1]
            for piece in pieces.dropLast().reversed() {
                hash = nodeHash(piece, hash)
            }
            out.append(hash)
        }
        return out
    }

    private static func inclusionMismatch(_ index: Int64, _ size: Int64, _ problem: String) -> LedgerError {
        LedgerError(.transparency, "inclusion proof of leaf \(index) in tree size \(size) \(problem); the entry is not in that tree, or the proof is corrupt")
    }

    private static func consistencyMismatch(_ from: Int64, _ to: Int64, _ problem: String) -> LedgerError {
        LedgerError(.transparency, "consistency proof from size \(from) to \(to) \(problem); the log was rewritten, or the proof is corrupt")
    }
}
