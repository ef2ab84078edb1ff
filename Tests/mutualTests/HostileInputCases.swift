import Foundation
@testable import MutualLedger
import Testing

/// Key files, CSV imports, signed-event files and the ledger's transparency files.
extension HostileInputTests {
    /// Runs openssl in the case folder and returns the path of the key it wrote, mode 0600.
    static func opensslKey(_ f: HostileFixture, _ name: String, _ arguments: [String]) throws -> String {
        let result = try CLI.tool("openssl", arguments + ["-out", f.path(name)], in: f.root)
        guard result.status == 0 else { throw TestSetupError("openssl \(arguments): \(result.stderr)") }
        try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: f.path(name))
        return f.path(name)
    }

    // MARK: Private keys

    static let keyCases: [Case] = [
        Case("RSA private key", 65, "not an Ed25519") { f in
            f.visitArguments(key: try opensslKey(f, "rsa.pem", ["genpkey", "-algorithm", "RSA", "-pkeyopt", "rsa_keygen_bits:1024"]))
        },
        Case("P-256 private key (PKCS#8)", 65, "not an Ed25519") { f in
            f.visitArguments(key: try opensslKey(f, "p256.pem", ["genpkey", "-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:P-256"]))
        },
        Case("P-256 private key (SEC1) for import", 65, "not an Ed25519") { f in
            let key = try opensslKey(f, "ec.pem", ["ecparam", "-genkey", "-name", "prime256v1", "-noout"])
            return f.importArguments(try f.write("v.csv", try sampleVisits()), key: key)
        },
        Case("encrypted private key", 65, "encrypted") { f in
            f.visitArguments(key: try opensslKey(f, "enc.pem", ["genpkey", "-algorithm", "ed25519", "-aes-256-cbc", "-pass", "pass:secret"]))
        },
        Case("truncated private key", 65, "private key") { f in
            let text = try String(contentsOfFile: f.path("nuth.pem"), encoding: .utf8)
            return f.visitArguments(key: try f.write("cut.pem", String(text.prefix(text.count / 2)), mode: 0o600))
        },
        Case("private key path is a directory", 65, "not a regular file") { f in f.visitArguments(key: f.root.path) },
        Case("world-readable private key for import", 65, "chmod 600") { f in
            try FileManager.default.setAttributes([.posixPermissions: 0o644], ofItemAtPath: f.path("nuth.pem"))
            return f.importArguments(try f.write("v.csv", try sampleVisits()))
        },
        Case("empty private key file", 65, "not a PEM private key") { f in f.visitArguments(key: try f.write("empty.pem", "", mode: 0o600)) },
        Case("public key given as the private key", 65, "not an Ed25519") { f in
            let result = try CLI.mutual(["key", "public", f.path("nuth.pem")])
            return f.visitArguments(key: try f.write("pub.pem", result.stdout, mode: 0o600))
        },
        Case("ledger's log key readable by others", 65, "chmod 600") { f in
            try FileManager.default.setAttributes([.posixPermissions: 0o644], ofItemAtPath: f.ledger.appendingPathComponent("log.key").path)
            return f.visitArguments()
        },
        Case("binary garbage as the private key", 65, "not PEM text") { f in
            f.visitArguments(key: try f.write("junk.pem", [0xff, 0xfe, 0x00, 0x81, 0xc3], mode: 0o600))
        },
    ]

    // MARK: CSV imports

    /// The project's sample visits with fresh visit ids.
    static func sampleVisits() throws -> String {
        try String(contentsOf: CLI.packageRoot.appendingPathComponent("Ops/samples/visits.csv"), encoding: .utf8)
            .replacingOccurrences(of: "v-2026-", with: "v-csv-")
    }

    static let header = "partnership,visit,from,to,start,end,mode,travellers,purpose,needsIdentifiedBy,briefedBeforeDeparture\n"
    static let row = "ukug-1,v-x,nuth,gulu-rrh,2026-03-02,2026-03-06,remote,p-017:nurse:senior,training,joint,yes\n"

    static let csvCases: [Case] = [
        Case("CSV quoted newline inside an identifier", 65, "row 2") { f in
            f.importArguments(try f.write("v.csv", header + row.replacingOccurrences(of: "v-x", with: "\"v-\nx\"")))
        },
        Case("CSV with a wrong header", 65, "unknown column") { f in
            f.importArguments(try f.write("v.csv", header.replacingOccurrences(of: "purpose", with: "porpoise") + row))
        },
        Case("CSV of 1,000,000 rows", 65, "more than 100000") { f in
            var text = header
            text.reserveCapacity(header.count + 12 * 1_000_000)
            for _ in 0..<1_000_000 { text += "x,,,,,,,,,,\n" }
            return f.importArguments(try f.write("big.csv", text))
        },
        Case("CSV over 64 MiB", 65, "larger than") { f in
            f.importArguments(try f.write("huge.csv", header + String(repeating: row, count: (65 << 20) / row.utf8.count)))
        },
        Case("CSV that is not UTF-8", 65, "not UTF-8") { f in f.importArguments(try f.write("v.csv", Array(header.utf8) + [0xff, 0xfe, 0x0a])) },
        Case("CSV with an unterminated quote", 65, "row 2") { f in f.importArguments(try f.write("v.csv", header + "ukug-1,\"v-x,nuth\n")) },
        Case("CSV formula injection in an identifier", 65, "row 2") { f in
            f.importArguments(try f.write("v.csv", header + row.replacingOccurrences(of: "v-x", with: "\"=cmd|' /C calc'!A0\"")))
        },
        Case("CSV that is empty", 65, "header") { f in f.importArguments(try f.write("v.csv", "")) },
        Case("CSV missing a column", 65, "missing column") { f in
            f.importArguments(try f.write("v.csv", header.replacingOccurrences(of: ",purpose", with: "") + row))
        },
        Case("CSV row with an extra cell", 65, "cells") { f in
            f.importArguments(try f.write("v.csv", header + row.replacingOccurrences(of: ",yes", with: ",yes,extra")))
        },
    ]

    // MARK: Signed-event files given to submit

    static func submit(_ f: HostileFixture, _ file: String) -> [String] { ["submit", "--ledger", f.ledger.path, file] }

    /// The offline-signed visit with `transform` applied to its JSON object.
    static func tampered(_ f: HostileFixture, _ transform: (inout [String: JSONValue]) -> Void) throws -> String {
        let bytes = Array(try Data(contentsOf: URL(fileURLWithPath: f.path("signed-visit.json"))))
        guard case .object(var object) = try JSONValue(parsing: bytes) else { throw TestSetupError("signed file is not an object") }
        transform(&object)
        return try f.write("tampered.json", JSONValue.object(object).canonicalBytes + [0x0a])
    }

    static let signedEventCases: [Case] = [
        Case("signed event from another ledger's key", 65, "not enrolled") { f in
            var sign = f.visitArguments(key: f.path("stranger.pem"), id: "v-stranger")
            sign.replaceSubrange(0..<4, with: ["sign", "visit", "--out", f.path("foreign.json")])
            try expectSuccess(try CLI.mutual(sign))
            return submit(f, f.path("foreign.json"))
        },
        Case("signed event with one flipped signature bit", 65, "signature") { f in
            submit(f, try tampered(f) { object in
                if case .string(let sig) = object["sig"], var raw = Base64.decode(sig) {
                    raw[10] ^= 0x01
                    object["sig"] = .string(Base64.encode(raw))
                }
            })
        },
        Case("signed event with a forged author", 65, "signature") { f in
            let steward = try CLI.mutual(["key", "id", f.path("steward.pem")]).stdout.trimmingCharacters(in: .whitespacesAndNewlines)
            return submit(f, try tampered(f) { object in
                if case .object(var event) = object["event"] {
                    event["author"] = .string(steward)
                    object["event"] = .object(event)
                }
            })
        },
        Case("signed event that is not canonical JSON", 65, "canonical") { f in
            let text = try String(contentsOfFile: f.path("signed-visit.json"), encoding: .utf8)
            return submit(f, try f.write("spaced.json", text.replacingOccurrences(of: "\":", with: "\": ")))
        },
        Case("signed event file cut short", 65, "JSON") { f in
            let text = try String(contentsOfFile: f.path("signed-visit.json"), encoding: .utf8)
            return submit(f, try f.write("cut.json", String(text.prefix(200))))
        },
        Case("signed event with an extra member", 65, "exactly") { f in
            submit(f, try tampered(f) { $0["note"] = .string("extra") })
        },
    ]

    // MARK: The ledger's checkpoints and hash store (read by verify)

    /// A checkpoint note for this ledger's current tree, signed by `key` under `origin`, with `extra` lines.
    static func forgedCheckpoint(_ f: HostileFixture, key: SigningKey, origin: String, sizeDelta: Int64 = 0, extra: [String] = []) throws {
        let note = try SignedNote.parse(Array(try Data(contentsOf: f.ledger.appendingPathComponent("checkpoint"))))
        let current = try Checkpoint.parse(note.text)
        let forged = Checkpoint(origin: origin, size: current.size + sizeDelta, root: current.root, extensions: extra)
        let signed = try SignedNote.sign(text: forged.text, by: [try NoteSigner(name: origin, privateKey: key.key)])
        try Data(signed.bytes).write(to: f.ledger.appendingPathComponent("checkpoint"))
    }

    static let transparencyCases: [Case] = [
        Case("checkpoint with an extra line", 1, "checkpoint") { f in
            try f.edit("checkpoint") { bytes in
                guard let blank = bytes.indices.first(where: { bytes[$0] == 0x0a && bytes[$0 + 1] == 0x0a }) else { return bytes }
                return Array(bytes[...blank]) + Array("extra line\n".utf8) + Array(bytes[(blank + 1)...])
            }
            return verify(f)
        },
        Case("checkpoint of another origin", 1, "checkpoint") { f in
            try forgedCheckpoint(f, key: .generate(), origin: "example.org/elsewhere")
            return verify(f)
        },
        Case("checkpoint signed by an unknown signer", 1, "checkpoint") { f in
            try forgedCheckpoint(f, key: .generate(), origin: "example.org/hostile")
            return verify(f)
        },
        Case("checkpoint ahead of the log, signed by the log key", 1, "rolled back") { f in
            let logKey = try SigningKey.load(from: f.ledger.appendingPathComponent("log.key"))
            try forgedCheckpoint(f, key: logKey, origin: "example.org/hostile", sizeDelta: 5)
            return verify(f)
        },
        Case("checkpoint history with a flipped bit", 1, "checkpoint") { f in
            try f.edit("checkpoints") { bytes in
                var out = bytes
                if let at = out.lastIndex(of: UInt8(ascii: "=")) { out[at - 3] ^= 0x01 }
                return out
            }
            return verify(f)
        },
        Case("checkpoint history with a non-canonical signature", 1, "DIR/checkpoints is damaged") { f in
            try f.edit("checkpoints") { bytes in
                var out = bytes
                // The last base64 character before the padding carries unused bits: set one.
                if let at = out.lastIndex(of: UInt8(ascii: "=")) { out[at - 1] = out[at - 1] == UInt8(ascii: "B") ? UInt8(ascii: "C") : UInt8(ascii: "B") }
                return out
            }
            return verify(f)
        },
        Case("hash store with a flipped bit", 1, "repair --hashes") { f in
            try f.edit("hashes") { bytes in
                var out = bytes
                out[0] ^= 0x80
                return out
            }
            return verify(f)
        },
        Case("hash store cut by 7 bytes", 1, "hashes") { f in
            try f.edit("hashes") { Array($0.dropLast(7)) }
            return verify(f)
        },
    ]
}
