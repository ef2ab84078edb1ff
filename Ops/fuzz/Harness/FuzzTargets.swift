import MutualLedger
import PartnershipEvents

/// The parsers that read bytes from outside, each as a fuzz target: hostile bytes in, and either a
/// clean `LedgerError` or a value that survives a round trip out. Anything else is a finding.
///
/// ```swift
/// FuzzTargets.run("logline", Array(#"{"v":1}"#.utf8))   // a throw is fine; a crash or a broken round trip is not
/// ```
enum FuzzTargets {
    static let names = ["logline", "json", "note", "proof", "prooffile", "csv"]

    /// Runs `data` through the target called `name`. Unknown names do nothing.
    static func run(_ name: String, _ data: [UInt8]) {
        switch name {
        case "logline": logLine(data)
        case "json": json(data)
        case "note": note(data)
        case "proof": proof(data)
        case "prooffile": proofFile(data)
        case "csv": csv(data)
        default: break
        }
    }

    /// A finding: say what broke and stop, so libFuzzer keeps the input.
    static func finding(_ what: String) -> Never {
        FuzzOutput.stderr("fuzz finding: \(what)")
        abortProcess()
    }

    /// `LedgerLine(bytes:)`: an accepted line is canonical, so re-encoding it gives the same bytes.
    static func logLine(_ data: [UInt8]) {
        guard let line = try? LedgerLine(bytes: data) else { return }
        if line.bytes != data { finding("an accepted log line does not re-encode to its own bytes") }
        if line.signingBytes != line.signed.event.signingBytes { finding("sliced signing bytes differ from re-encoded ones") }
    }

    /// The strict JSON parser and RFC 8785 encoder: canonical bytes parse back to the same value and
    /// are accepted by `parseCanonical`; the parser and the canonical checker agree.
    static func json(_ data: [UInt8]) {
        guard let value = try? JSONValue(parsing: data) else {
            if CanonicalJSON.isCanonical(data) { finding("parseCanonical accepts what the parser refuses") }
            return
        }
        let canonical = value.canonicalBytes
        guard let again = try? CanonicalJSON.parseCanonical(canonical) else { finding("canonical bytes of a parsed value are refused") }
        if again != value { finding("canonical bytes parse to a different value") }
        if CanonicalJSON.isCanonical(data) != (canonical == data) { finding("isCanonical disagrees with re-encoding") }
    }

    /// Signed notes and checkpoints: an accepted note re-serialises to its bytes; a parsed
    /// checkpoint's text parses back to the same checkpoint.
    static func note(_ data: [UInt8]) {
        if let note = try? SignedNote.parse(data) {
            if note.bytes != data { finding("an accepted signed note does not re-serialise to its own bytes") }
            _ = try? Checkpoint.parse(note.text)
        }
        let text = String(decoding: data, as: UTF8.self)
        if let checkpoint = try? Checkpoint.parse(text) {
            guard let back = try? Checkpoint.parse(checkpoint.text) else { finding("a checkpoint's own text is refused") }
            if back.text != checkpoint.text { finding("a checkpoint does not round-trip") }
        }
    }

    /// Proof checking with hostile sizes, indexes and hashes: 8 bytes index/from, 8 bytes size/to,
    /// 1 byte selector, then 32-byte hashes (the first is the root). Must throw, not trap.
    static func proof(_ data: [UInt8]) {
        guard data.count >= 17 + 32 else { return }
        func int64(_ at: Int) -> Int64 {
            data[at..<(at + 8)].reduce(Int64(0)) { ($0 << 8) | Int64($1) }
        }
        let a = int64(0), b = int64(8)
        var hashes: [MerkleHash] = []
        var offset = 17
        while offset + 32 <= data.count, let hash = MerkleHash(bytes: Array(data[offset..<(offset + 32)])) {
            hashes.append(hash)
            offset += 32
        }
        guard let root = hashes.first else { return }
        let path = Array(hashes.dropFirst())
        if data[16] & 1 == 0 {
            _ = try? Merkle.checkInclusion(proof: path, index: a, size: b, root: root, leafHash: path.last ?? root)
        } else {
            _ = try? Merkle.checkConsistency(proof: path, from: a, to: b, oldRoot: path.last ?? root, newRoot: root)
        }
    }

    /// A fixed verifier key for proof files (any key will do: signatures are expected to fail).
    static let verifier: NoteVerifierKey? = {
        guard let key = try? SigningKey(seed: Array(repeating: 7, count: 32)) else { return nil }
        return try? NoteVerifierKey(parsing: "example.org/fuzz+" + String(NoteVerifierKey.keyHash(
            name: "example.org/fuzz", type: .ed25519, publicKey: key.publicKey.raw), radix: 16).leftPadded(to: 8)
            + "+" + Base64.encode([0x01] + key.publicKey.raw))
    }()

    /// Proof files as `check` reads them (inclusion and consistency JSON, tlog-proof text), then checked
    /// end to end: a clean error or a checkpoint, never a trap.
    static func proofFile(_ data: [UInt8]) {
        if let proof = try? InclusionProof(parsing: data), let verifier {
            _ = try? proof.check(logKey: verifier, line: Array(data.prefix(64)))
        }
        if let proof = try? ConsistencyProof(parsing: data), let verifier {
            _ = try? proof.check(logKey: verifier, old: data)
        }
        if let proof = try? TlogProof.parse(data), let verifier {
            _ = try? proof.check(logKey: verifier)
        }
    }

    /// The CSV importer (visits and debriefs): a clean error or drafts, never a crash.
    static func csv(_ data: [UInt8]) {
        let text = String(decoding: data, as: UTF8.self)
        _ = try? VisitImport.parse(text)
        _ = try? DebriefImport.parse(text)
    }
}

extension String {
    func leftPadded(to width: Int) -> String { String(repeating: "0", count: max(0, width - count)) + self }
}
