/// A self-contained proof that the tree of `from` leaves is a prefix of the tree of `to` leaves,
/// carrying the signed checkpoint at `to`. The old checkpoint (size `from`) is what the checker
/// already holds.
///
/// JSON form (`mutual prove consistency --json`):
///
/// ```json
/// {"checkpoint":"example.org/ukug\n9\n…=\n\n— example.org/ukug …\n","from":5,"hashes":["…"],"to":9}
/// ```
///
/// ```swift
/// let proof = try ledger.proveConsistency(from: 5)
/// let newer = try proof.check(logKey: vkey, old: oldCheckpointBytes)
/// ```
public struct ConsistencyProof: Sendable, Hashable {
    public var from: Int64
    public var to: Int64
    /// RFC 9162 §2.1.4.1 PROOF(from, D[to]).
    public var hashes: [MerkleHash]
    /// The signed note text of the checkpoint at `to`.
    public var checkpoint: String

    public init(from: Int64, to: Int64, hashes: [MerkleHash], checkpoint: String) {
        self.from = from
        self.to = to
        self.hashes = hashes
        self.checkpoint = checkpoint
    }

    /// `{"from","to","hashes","checkpoint"}`.
    public var json: JSONValue {
        .object([
            "from": .integer(from),
            "to": .integer(to),
            "hashes": .array(hashes.map { .string($0.base64) }),
            "checkpoint": .string(checkpoint),
        ])
    }

    /// Parses the JSON form. Malformed input throws `.validation` (exit 65).
    public init(parsing bytes: [UInt8]) throws(LedgerError) {
        let value = try ProofJSON.object(bytes, what: "consistency proof")
        try ProofJSON.onlyMembers(value, ["from", "to", "hashes", "checkpoint"], what: "consistency proof")
        self.init(from: try ProofJSON.size(value["from"], what: "consistency proof from"),
                  to: try ProofJSON.size(value["to"], what: "consistency proof to"),
                  hashes: try ProofJSON.hashes(value["hashes"], what: "consistency proof"),
                  checkpoint: try ProofJSON.string(value["checkpoint"], what: "consistency proof checkpoint"))
    }

    /// Checks the proof offline against the old checkpoint the checker holds: both checkpoints
    /// are signed by `logKey` for its origin, the sizes match the proof, and the proof leads from
    /// the old root to the new one. Returns the new checkpoint.
    @discardableResult
    public func check(logKey: NoteVerifierKey, old: [UInt8]) throws(LedgerError) -> Checkpoint {
        let (newer, _) = try CheckpointNote.open(checkpoint, logKey: logKey)
        let (older, _) = try CheckpointNote.open(String(decoding: old, as: UTF8.self), logKey: logKey)
        guard older.size == from else {
            throw LedgerError(.transparency, "the proof starts at size \(from) but the old checkpoint has size \(older.size); ask for a proof with --from \(older.size)")
        }
        guard newer.size == to else {
            throw LedgerError(.transparency, "the proof ends at size \(to) but its checkpoint has size \(newer.size); the proof is corrupt")
        }
        try Merkle.checkConsistency(proof: hashes, from: from, to: to, oldRoot: older.root, newRoot: newer.root)
        return newer
    }
}
