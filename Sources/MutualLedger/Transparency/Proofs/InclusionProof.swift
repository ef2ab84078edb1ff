/// A self-contained proof that one ledger line is leaf `index` of the tree of `size` leaves,
/// carrying the signed checkpoint of that size, so it can be checked offline with the log's vkey.
///
/// JSON form (`mutual prove inclusion --json`), hashes in standard base64:
///
/// ```json
/// {"checkpoint":"example.org/ukug\n5\n…=\n\n— example.org/ukug …\n","hashes":["…","…"],"index":2,"leafHash":"…","size":5}
/// ```
///
/// ```swift
/// let proof = try ledger.proveInclusion(seq: 2)
/// let text = proof.json.canonicalString
/// let same = try InclusionProof(parsing: Array(text.utf8))
/// let checkpoint = try same.check(logKey: vkey, line: lineBytes)   // throws unless it verifies
/// ```
public struct InclusionProof: Sendable, Hashable {
    /// The leaf's index, which is the line's seq.
    public var index: Int64
    /// The tree size the proof is for; equals the checkpoint's size.
    public var size: Int64
    /// The leaf hash of the line (SHA-256 of 0x00 ‖ line bytes). Nil when read from a tlog-proof,
    /// which does not carry it: then the line itself must be given to check the proof.
    public var leafHash: MerkleHash?
    /// The RFC 9162 audit path, from the leaf's sibling up.
    public var hashes: [MerkleHash]
    /// The signed note text of the checkpoint at `size`.
    public var checkpoint: String

    public init(index: Int64, size: Int64, leafHash: MerkleHash?, hashes: [MerkleHash], checkpoint: String) {
        self.index = index
        self.size = size
        self.leafHash = leafHash
        self.hashes = hashes
        self.checkpoint = checkpoint
    }

    /// `{"index","size","leafHash","hashes","checkpoint"}`.
    public var json: JSONValue {
        var object: [String: JSONValue] = [
            "index": .integer(index),
            "size": .integer(size),
            "hashes": .array(hashes.map { .string($0.base64) }),
            "checkpoint": .string(checkpoint),
        ]
        if let leafHash { object["leafHash"] = .string(leafHash.base64) }
        return .object(object)
    }

    /// Parses the JSON form or, if the bytes start with `c2sp.org/tlog-proof@v1`, the tlog-proof text.
    /// Malformed input throws `.validation` (exit 65).
    public init(parsing bytes: [UInt8]) throws(LedgerError) {
        if bytes.starts(with: Array(TlogProof.header.utf8)) {
            self = try TlogProof.parse(bytes)
            return
        }
        let value = try ProofJSON.object(bytes, what: "inclusion proof")
        try ProofJSON.onlyMembers(value, ["index", "size", "leafHash", "hashes", "checkpoint"], what: "inclusion proof")
        let leaf = try ProofJSON.hash(value["leafHash"], what: "inclusion proof leafHash")
        self.init(index: try ProofJSON.size(value["index"], what: "inclusion proof index"),
                  size: try ProofJSON.size(value["size"], what: "inclusion proof size"),
                  leafHash: leaf,
                  hashes: try ProofJSON.hashes(value["hashes"], what: "inclusion proof"),
                  checkpoint: try ProofJSON.string(value["checkpoint"], what: "inclusion proof checkpoint"))
    }

    /// Checks the proof offline: the checkpoint is signed by `logKey` and names its origin, its size
    /// is the proof's, the leaf hash is that of `line` (when given), and the audit path leads to
    /// the checkpoint's root. Returns the verified checkpoint. Failures are `.transparency` or
    /// `.invalidSignature` (exit 1); a malformed embedded checkpoint is `.validation` (exit 65).
    @discardableResult
    public func check(logKey: NoteVerifierKey, line: [UInt8]? = nil) throws(LedgerError) -> Checkpoint {
        let (opened, _) = try CheckpointNote.open(checkpoint, logKey: logKey)
        guard opened.size == size else {
            throw LedgerError(.transparency, "the proof is for tree size \(size) but its checkpoint has size \(opened.size); ask for a proof at the checkpoint's size")
        }
        let leaf: MerkleHash
        if let line {
            let computed = Merkle.leafHash(line)
            if let leafHash, leafHash != computed {
                throw LedgerError(.transparency, "the line's leaf hash is not the proof's leafHash; this is not the line the proof is for (give the line without its newline)")
            }
            leaf = computed
        } else if let leafHash {
            leaf = leafHash
        } else {
            throw LedgerError(.usage, "a tlog-proof does not carry the leaf hash; pass the line with --line FILE")
        }
        try Merkle.checkInclusion(proof: hashes, index: index, size: size, root: opened.root, leafHash: leaf)
        return opened
    }
}
