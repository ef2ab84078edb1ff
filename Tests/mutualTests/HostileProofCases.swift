import Foundation
@testable import MutualLedger
import Testing

/// Proofs, checkpoints and audit state handed to `check` and `audit` (docs/TRANSPARENCY.md):
/// exit 1 when a well-formed proof or checkpoint does not verify, 65 when it is malformed.
extension HostileInputTests {
    /// Runs a command that must succeed and writes its stdout to `name` in the case folder.
    static func output(_ f: HostileFixture, _ name: String, _ arguments: [String]) throws -> String {
        let result = try expectSuccess(try CLI.mutual(arguments + ["--ledger", f.ledger.path]))
        return try f.write(name, result.stdout)
    }

    static func vkey(_ f: HostileFixture) throws -> String { try output(f, "vkey", ["log-key"]) }

    /// `prove inclusion --seq 2 --json`, with `transform` applied to the JSON object.
    static func inclusionProof(_ f: HostileFixture, _ transform: (inout [String: JSONValue]) -> Void) throws -> [String] {
        let path = try output(f, "proof.json", ["prove", "inclusion", "--seq", "2", "--json"])
        guard case .object(var proof) = try JSONValue(parsing: Array(try Data(contentsOf: URL(fileURLWithPath: path)))) else {
            throw TestSetupError("proof is not a JSON object")
        }
        transform(&proof)
        return ["check", "inclusion", try f.write("bad.json", JSONValue.object(proof).canonicalBytes), "--vkey", try vkey(f)]
    }

    /// `prove consistency --from 3 --json` checked against `checkpoint --size 3`, each transformed.
    static func consistencyCheck(_ f: HostileFixture, proof transform: (inout [String: JSONValue]) -> Void = { _ in },
                                 old: (String) -> String = { $0 }) throws -> [String] {
        let path = try output(f, "proof.json", ["prove", "consistency", "--from", "3", "--json"])
        guard case .object(var proof) = try JSONValue(parsing: Array(try Data(contentsOf: URL(fileURLWithPath: path)))) else {
            throw TestSetupError("proof is not a JSON object")
        }
        transform(&proof)
        let oldText = try String(contentsOfFile: try output(f, "old.cp", ["checkpoint", "--size", "3"]), encoding: .utf8)
        return ["check", "consistency", try f.write("bad.json", JSONValue.object(proof).canonicalBytes),
                "--vkey", try vkey(f), "--old", try f.write("old-bad.cp", old(oldText))]
    }

    /// Flips one bit of the first hash of a proof.
    static func flipFirstHash(_ proof: inout [String: JSONValue]) {
        guard case .array(var hashes) = proof["hashes"], case .string(let first) = hashes.first,
              var raw = Base64.decode(first) else { return }
        raw[0] ^= 0x01
        hashes[0] = .string(Base64.encode(raw))
        proof["hashes"] = .array(hashes)
    }

    /// A checkpoint note for size 3 re-signed by a fresh key under `origin`.
    static func resigned(_ text: String, origin: String) -> String {
        guard let note = try? SignedNote.parse(Array(text.utf8)), let old = try? Checkpoint.parse(note.text),
              let signer = try? NoteSigner(name: origin, privateKey: SigningKey.generate().key),
              let signed = try? SignedNote.sign(text: Checkpoint(origin: origin, size: old.size, root: old.root).text, by: [signer])
        else { return text }
        return String(decoding: signed.bytes, as: UTF8.self)
    }

    static let proofCases: [Case] = [
        Case("inclusion proof with a wrong size", 1, "tree size 5") { f in
            try inclusionProof(f) { $0["size"] = .integer(5) }
        },
        Case("inclusion proof with an out-of-range index", 1, "index") { f in
            try inclusionProof(f) { $0["index"] = .integer(4_000_000) }
        },
        Case("inclusion proof with one flipped bit", 1, "inclusion") { f in try inclusionProof(f, flipFirstHash) },
        Case("inclusion proof with a negative index", 65, "index") { f in try inclusionProof(f) { $0["index"] = .integer(-1) } },
        Case("inclusion proof that is not JSON", 65, "proof") { f in
            ["check", "inclusion", try f.write("p.json", String(repeating: "[", count: 10_000)), "--vkey", try vkey(f)]
        },
        Case("consistency proof with a wrong from size", 1, "starts at size 2") { f in
            try consistencyCheck(f, proof: { $0["from"] = .integer(2) })
        },
        Case("consistency proof with one flipped bit", 1, "consistency") { f in try consistencyCheck(f, proof: flipFirstHash) },
        Case("old checkpoint with an extra line", 1, "does not verify") { f in
            try consistencyCheck(f, old: { text in text.replacingOccurrences(of: "\n\n", with: "\nextra\n\n") })
        },
        Case("old checkpoint of another origin", 1, "example.org/elsewhere") { f in
            try consistencyCheck(f, old: { resigned($0, origin: "example.org/elsewhere") })
        },
        Case("old checkpoint by an unknown signer", 1, "checkpoint") { f in
            try consistencyCheck(f, old: { resigned($0, origin: "example.org/hostile") })
        },
        Case("audit state file that is junk", 65, "state") { f in
            ["audit", "--ledger", f.ledger.path, "--state", try f.write("state.json", "{\"checkpoint\": 12")]
        },
    ]
}
