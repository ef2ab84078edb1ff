import Foundation

/// The transparency half of `verify`: recompute the Merkle tree while the log streams past, and
/// check every issued checkpoint, the latest checkpoint and the hash store against it.
///
/// ```swift
/// var tree = try TreeCheck(directory: dir)     // loads the checkpoints to compare
/// tree.append(lineBytes)                       // for every line, in order
/// try tree.finish(registry: fold.registry)     // signatures, sizes, store
/// ```
struct TreeCheck {
    let directory: LedgerDirectory
    private(set) var tree = MerkleAccumulator()
    /// Checkpoints to compare, by size; each note with where it came from.
    private var pending: [Int64: [(note: SignedNote, source: String)]] = [:]
    private var checked: [(SignedNote, String)] = []
    private(set) var failure: LedgerError?
    /// The hash store, and the log's root at the size it covers (captured while streaming).
    private var store: HashStore?
    private var storeProblem: LedgerError?
    private var rootAtStoreSize: MerkleHash?
    /// The store's hashes read ahead, and the stored-hash index of the next one to compare.
    private var storeAhead: [MerkleHash] = []
    private var storeAheadStart: Int64 = 0
    private var storeIndex: Int64 = 0

    init<Rules>(ledger: Ledger<Rules>) throws(LedgerError) {
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
        for (index, note) in try ledger.issuedCheckpoints().enumerated() {
            try add(note, source: "checkpoint \(index + 1) of DIR/checkpoints")
        }
        guard FileManager.default.fileExists(atPath: directory.checkpoint.path) else {
            failure = LedgerError(.transparency, "the ledger has no checkpoint file; run `mutual repair --hashes` to issue one")
            return
        }
        let latest = try FileIO.readSmallFile(directory.checkpoint, limit: SignedNote.maxBytes, what: "checkpoint")
        let note: SignedNote
        do throws(LedgerError) {
            note = try SignedNote.parse(latest)
        } catch {
            throw LedgerError(.transparency, "DIR/checkpoint is damaged (\(error.message)); run `mutual repair` to issue a new one")
        }
        try add(note, source: "DIR/checkpoint")
    }

    private mutating func add(_ note: SignedNote, source: String) throws(LedgerError) {
        let checkpoint: Checkpoint
        do throws(LedgerError) {
            checkpoint = try Checkpoint.parse(note.text)
        } catch {
            throw LedgerError(.transparency, "\(source) is damaged (\(error.message)); the checkpoints were altered")
        }
        pending[checkpoint.size, default: []].append((note, source))
    }

    /// Adds the next line and compares the tree with the checkpoints of this size.
    mutating func append(_ line: UnsafeRawBufferPointer) {
        var computed: [MerkleHash] = []
        tree.append(Merkle.leafHash(line)) { computed.append($0) }
        if let store, storeProblem == nil, tree.size <= store.count { compareStored(computed, store: store) }
        if tree.size == store?.count { rootAtStoreSize = tree.root }
        guard let notes = pending.removeValue(forKey: tree.size) else { return }
        let root = tree.root
        for (note, source) in notes {
            if (try? Checkpoint.parse(note.text))?.root != root, failure == nil {
                failure = LedgerError(.transparency, "\(source) (size \(tree.size)) does not match the log's Merkle root; the log was rewritten after that checkpoint was issued")
            }
            checked.append((note, source))
        }
    }

    /// Every stored hash, not only those a root reads, must match the log: a proof uses the others.
    private mutating func compareStored(_ computed: [MerkleHash], store: HashStore) {
        for hash in computed {
            let offset = Int(storeIndex - storeAheadStart)
            if offset >= storeAhead.count {
                storeAheadStart = storeIndex
                storeAhead = (try? store.readRange(from: storeIndex, count: 4096)) ?? []
                guard !storeAhead.isEmpty else {
                    storeProblem = LedgerError(.transparency, "the hashes file cannot be read at hash \(storeIndex); run `mutual repair --hashes`")
                    return
                }
            }
            guard storeAhead[Int(storeIndex - storeAheadStart)] == hash else {
                storeProblem = LedgerError(.transparency, "the hashes file does not match the log at line \(tree.size - 1); run `mutual repair --hashes` to rebuild it")
                return
            }
            storeIndex += 1
        }
    }

    /// After the last line: signatures by the log key, checkpoints beyond the log, and the hash store.
    mutating func finish(registry: KeyRegistry) -> LedgerError? {
        if let failure { return failure }
        if let size = pending.keys.min(), let source = pending[size]?.first?.source {
            return LedgerError(.transparency, "\(source) covers \(size) lines but the log has \(tree.size); the log was cut back (rolled back) after it was issued")
        }
        guard let origin = registry.origin, let logKeyText = registry.logKey,
              let logKey = try? PublicKey(base64: logKeyText),
              let verifier = try? NoteVerifierKey(name: origin, publicKey: logKey.key) else {
            return LedgerError(.transparency, "the genesis line names no usable log key")
        }
        for (note, source) in checked {
            do throws(LedgerError) {
                _ = try Ledger<CoreRules>.openCheckpoint(note.bytes, verifier: verifier)
            } catch {
                return LedgerError(.transparency, "\(source): \(error.message)")
            }
        }
        return checkStore()
    }

    /// The store may lag the log after a crash between the two writes (the next append or
    /// `repair` catches it up), but what it holds must match the log, and it may never be ahead.
    private func checkStore() -> LedgerError? {
        if let storeProblem { return storeProblem }
        guard let store else { return nil }
        guard store.count <= tree.size else {
            return LedgerError(.transparency, "the hashes file covers \(store.count) lines but the log has \(tree.size); lines were removed from the log")
        }
        let expected = store.count == 0 ? Merkle.emptyRoot : rootAtStoreSize
        guard let root = try? store.root(size: store.count), root == expected else {
            return LedgerError(.transparency, "the hashes file does not match the log; run `mutual repair --hashes` to rebuild it")
        }
        return nil
    }
}
