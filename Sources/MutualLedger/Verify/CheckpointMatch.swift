/// The checkpoint half shared by ``TreeCheck`` (full `verify`) and ``ResumedTreeCheck``
/// (`verify --since-watermark`): checkpoints waiting for the tree to reach their size, those
/// compared so far, and the first mismatch, with the messages both passes report.
///
/// ```swift
/// var match = CheckpointMatch()
/// try match.expect(note, source: "DIR/checkpoint")   // before streaming
/// match.reached(tree)                                // after every leaf
/// let failure = match.finish(size: tree.size, registry: fold.registry)
/// ```
struct CheckpointMatch {
    /// Checkpoints to compare, by size; each note with where it came from.
    private(set) var pending: [Int64: [(note: SignedNote, source: String)]] = [:]
    /// Checkpoints whose root matched (or was reported), to check the log key's signature on.
    private var checked: [(SignedNote, String)] = []
    /// The first root mismatch.
    private(set) var failure: LedgerError?

    /// Waits for the tree to reach the note's size.
    mutating func expect(_ note: SignedNote, size: Int64, source: String) {
        pending[size, default: []].append((note, source))
    }

    /// Waits for the tree to reach the size the note names.
    mutating func expect(_ note: SignedNote, source: String) throws(LedgerError) {
        expect(note, size: try Checkpoint.parse(note.text).size, source: source)
    }

    /// Counts a note already compared (by its caller) for the signature check.
    mutating func alreadyMatched(_ note: SignedNote, source: String) {
        checked.append((note, source))
    }

    /// Compares the checkpoints of the tree's size with its root.
    mutating func reached(_ tree: MerkleAccumulator) {
        guard let notes = pending.removeValue(forKey: tree.size) else { return }
        let root = tree.root
        for (note, source) in notes {
            if (try? Checkpoint.parse(note.text))?.root != root, failure == nil {
                failure = LedgerError(.transparency, "\(source) (size \(tree.size)) does not match the log's Merkle root; the log was rewritten after that checkpoint was issued")
            }
            checked.append((note, source))
        }
    }

    /// After the last line (the tree has `size` leaves): root mismatches, checkpoints beyond the
    /// log, and the log key's signature on every checkpoint compared.
    func finish(size: Int64, registry: KeyRegistry) -> LedgerError? {
        if let failure { return failure }
        if let first = pending.keys.min(), let source = pending[first]?.first?.source {
            return LedgerError(.transparency, "\(source) covers \(first) lines but the log has \(size); the log was cut back (rolled back) after it was issued")
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
        return nil
    }
}
