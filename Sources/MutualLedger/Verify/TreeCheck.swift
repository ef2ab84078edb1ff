import Foundation

/// The transparency half of `verify`: recompute the Merkle tree while the log streams past, and
/// check every issued checkpoint, the latest checkpoint and the hash store against it.
///
/// ```swift
/// var tree = TreeCheck(ledger: ledger)          // loads the checkpoints and the store to compare
/// tree.append(lineBytes)                       // for every line, in order
/// try tree.finish(registry: fold.registry)     // signatures, sizes, store
/// ```
struct TreeCheck {
    let directory: LedgerDirectory
    private(set) var tree = MerkleAccumulator()
    /// The checkpoints to compare, and the first mismatch.
    private var checkpoints = CheckpointMatch()
    /// A damaged or missing checkpoint file.
    private(set) var failure: LedgerError?
    /// The hash store, and the log's root at the size it covers (captured while streaming).
    private var store: HashStore?
    private var storeProblem: LedgerError?
    /// Where the next stored hash sits in the hashes file, and the first mismatch found.
    private var storedOffset: Int64 = 0
    private var storeMismatch: LedgerError?
    /// Bytes of the hashes file read ahead, from file offset `windowStart`.
    private var window: [UInt8] = []
    private var windowStart: Int64 = 0

    init<Rules>(ledger: Ledger<Rules>) {
        directory = ledger.directory
        if !FileManager.default.fileExists(atPath: directory.hashes.path) {
            storeProblem = LedgerError(.transparency, "the ledger has no hashes file; run `mutual repair --hashes` to rebuild it")
        } else {
            do throws(LedgerError) {
                store = try HashStore(url: directory.hashes, readOnly: true)
            } catch {
                storeProblem = LedgerError(.transparency, "the hashes file cannot be read (\(error.message)); run `mutual repair --hashes`")
            }
        }
        do throws(LedgerError) {
            for (index, note) in try ledger.issuedCheckpoints().enumerated() {
                try add(note, source: "checkpoint \(index + 1) of DIR/checkpoints")
            }
            guard FileManager.default.fileExists(atPath: directory.checkpoint.path) else {
                failure = LedgerError(.transparency, "the ledger has no checkpoint file; run `mutual repair --hashes` to issue one")
                return
            }
            let latest = try FileIO.readSmallFile(directory.checkpoint, limit: SignedNote.maxBytes, what: "checkpoint")
            try add(try SignedNote.parse(latest), source: "DIR/checkpoint")
        } catch {
            // A damaged checkpoint file is a damaged ledger (exit 1), not bad input.
            failure = LedgerError(.transparency, "checkpoints are damaged: \(error.message)")
        }
    }

    private mutating func add(_ note: SignedNote, source: String) throws(LedgerError) {
        try checkpoints.expect(note, source: source)
    }

    /// Adds the next line and compares the tree with the checkpoints of this size.
    mutating func append(_ line: UnsafeRawBufferPointer) {
        let leaf = Merkle.leafHash(line)
        if let store, tree.size < store.count, storeMismatch == nil {
            // The leaf and the subtrees it completes, compared with the store as they are made
            // (no array per line). The tree grows by one leaf, so `tree.size + 1 <= store.count`.
            var same = true
            var at = storedOffset
            var window = self.window, windowStart = self.windowStart
            tree.append(leaf) { hash in
                guard same else { return }
                same = Self.fill(&window, start: &windowStart, at: at, count: MerkleHash.byteCount, store: store)
                    && window.withUnsafeBytes { hash.isEqual(to: UnsafeRawBufferPointer(rebasing: $0[Int(at - windowStart)...])) }
                at += Int64(MerkleHash.byteCount)
            }
            self.window = window
            self.windowStart = windowStart
            if !same {
                storeMismatch = LedgerError(.transparency, "the hashes file differs from the log at line \(tree.size - 1); run `mutual repair --hashes` to rebuild it")
            }
            storedOffset = at
        } else {
            tree.append(leaf) { _ in }
        }
        checkpoints.reached(tree)
    }

    /// After the last line: signatures by the log key, checkpoints beyond the log, and the hash store.
    mutating func finish(registry: KeyRegistry) -> LedgerError? {
        if let failure { return failure }
        if let failure = checkpoints.finish(size: tree.size, registry: registry) { return failure }
        return checkStore()
    }

    /// How many bytes of the hashes file ``append(_:)`` reads at a time (one `pread` per ~680
    /// lines, not one per line). The stored-hash layout is written in exactly the order the
    /// tree makes the hashes, leaf by leaf, so the store is compared in one forward pass.
    static let windowBytes = 64 * 1024

    /// Makes `window` (file bytes from `start`) hold the `count` stored bytes at `offset`; false
    /// if the file has fewer (or cannot be read), which is a mismatch.
    private static func fill(_ window: inout [UInt8], start: inout Int64, at offset: Int64, count: Int, store: HashStore) -> Bool {
        let end = offset + Int64(count)
        if offset >= start, end <= start + Int64(window.count) { return true }
        window = (try? FileIO.read(store.fd, count: max(count, Self.windowBytes), at: offset, path: store.url.path)) ?? []
        start = offset
        return window.count >= count
    }

    /// The store may lag the log after a crash between the two writes (the next append or
    /// `repair` catches it up), but every hash it holds must match the log, and it may never be ahead.
    private func checkStore() -> LedgerError? {
        if let storeProblem { return storeProblem }
        guard let store else { return nil }
        guard store.count <= tree.size else {
            return LedgerError(.transparency, "the hashes file covers \(store.count) lines but the log has \(tree.size); lines were removed from the log")
        }
        return storeMismatch
    }
}
