/// The C2SP tlog-proof text form of an inclusion proof (https://c2sp.org/tlog-proof):
///
/// ```text
/// c2sp.org/tlog-proof@v1
/// index 2
/// <base64 hash, one per line, from the leaf's sibling up>
///
/// <the signed checkpoint note, verbatim>
/// ```
///
/// An optional `extra <base64>` line after the first is accepted and ignored (it is not
/// authenticated); Mutual never writes one. The tree size is the checkpoint's.
///
/// ```swift
/// let text = try TlogProof.format(proof)          // String
/// let back = try TlogProof.parse(Array(text.utf8))  // leafHash is nil: check with the line
/// ```
public enum TlogProof {
    public static let header = "c2sp.org/tlog-proof@v1"

    /// The text of `proof`; its checkpoint must be a checkpoint of the proof's size.
    public static func format(_ proof: InclusionProof) throws(LedgerError) -> String {
        let (checkpoint, _) = try CheckpointNote.parse(proof.checkpoint)
        guard checkpoint.size == proof.size else {
            throw LedgerError(.transparency, "the proof is for size \(proof.size) but its checkpoint is for size \(checkpoint.size); prove at the checkpoint's size")
        }
        var text = "\(header)\nindex \(proof.index)\n"
        for hash in proof.hashes { text += hash.base64 + "\n" }
        return text + "\n" + proof.checkpoint
    }

    /// Parses a tlog-proof strictly. Malformed input throws `.validation` (exit 65).
    public static func parse(_ bytes: [UInt8]) throws(LedgerError) -> InclusionProof {
        guard let text = String(validating: bytes, as: UTF8.self) else { throw bad("is not UTF-8") }
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false)[...]
        guard lines.popFirst() == Substring(header) else { throw bad("does not start with \(header)") }
        if let next = lines.first, next.hasPrefix("extra ") {
            guard Base64.decode(next.dropFirst(6)) != nil else { throw bad("has an extra line that is not base64") }
            lines.removeFirst()
        }
        guard let indexLine = lines.popFirst(), indexLine.hasPrefix("index ") else { throw bad("has no \"index N\" line") }
        let digits = indexLine.dropFirst(6)
        guard !digits.isEmpty, digits.utf8.allSatisfy({ (0x30...0x39).contains($0) }),
              digits == "0" || !digits.hasPrefix("0"), let index = Int64(digits) else {
            throw bad("has an index that is not a decimal number without leading zeros")
        }
        var hashes: [MerkleHash] = []
        while let line = lines.popFirst(), !line.isEmpty {
            guard let hash = MerkleHash(base64: line) else { throw bad("has a proof line that is not base64 of 32 bytes") }
            hashes.append(hash)
        }
        let note = lines.joined(separator: "\n")
        guard !note.isEmpty else { throw bad("has no checkpoint after the blank line") }
        let (checkpoint, _) = try CheckpointNote.parse(note)
        return InclusionProof(index: index, size: checkpoint.size, leafHash: nil, hashes: hashes, checkpoint: note)
    }

    private static func bad(_ problem: String) -> LedgerError {
        LedgerError(.validation, "the tlog-proof \(problem); see https://c2sp.org/tlog-proof")
    }
}
