import Foundation
import MutualLedger
import Testing

/// Keys made by `openssl genpkey` work in Mutual, and Mutual's signatures verify with `openssl pkeyutl`.
struct InteropTests {
    @Test func opensslKeySignsAndOpensslVerifies() throws {
        try withTemporaryDirectory("interop") { dir in
            let setup = try CLILedger(in: dir)
            let key = dir.appendingPathComponent("openssl.pem")
            try expectSuccess(try CLI.tool("openssl", ["genpkey", "-algorithm", "ed25519", "-out", key.path]))
            try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: key.path)

            // `mutual key public` prints exactly what `openssl pkey -pubout` prints; the key id matches.
            let ours = try expectSuccess(try CLI.mutual(["key", "public", key.path])).stdout
            let theirs = try expectSuccess(try CLI.tool("openssl", ["pkey", "-in", key.path, "-pubout"])).stdout
            #expect(ours == theirs)
            let raw = try expectSuccess(try CLI.mutual(["key", "public", "--raw", key.path])).stdout
                .trimmingCharacters(in: .whitespacesAndNewlines)
            let id = try expectSuccess(try CLI.mutual(["key", "id", key.path])).stdout.trimmingCharacters(in: .whitespacesAndNewlines)
            #expect(id == (try PublicKey(base64: raw)).id.text)

            // Enroll it, then sign an event with it through `mutual record`.
            try expectSuccess(try CLI.mutual(["actor", "enroll", "--ledger", setup.ledger.path, "--key", setup.steward.path,
                                              "--actor", "ossl", "--name", "OpenSSL user", "--public-key", key.path,
                                              "--role", "steward"]))
            let recorded = try expectSuccess(try setup.record(key: key, ["--occurred", "2026-02-27"]))
            #expect(recorded.stdout.hasPrefix("seq 2 "))

            // Rebuild the signed bytes from the stored line and check them with openssl alone.
            let line = try LedgerLine(bytes: try logLines(setup.ledger)[2])
            #expect(line.event.author.text == id)
            let signed = dir.appendingPathComponent("signed.bin"), signature = dir.appendingPathComponent("sig.bin")
            let pub = dir.appendingPathComponent("pub.pem")
            try Data(Array("mutual/event/v1\n".utf8) + line.event.json.canonicalBytes).write(to: signed)
            #expect(line.event.signingBytes == Array(try Data(contentsOf: signed)))
            try Data(line.signed.signature).write(to: signature)
            try Data(theirs.utf8).write(to: pub)
            let verified = try CLI.tool("openssl", ["pkeyutl", "-verify", "-pubin", "-inkey", pub.path, "-rawin",
                                                   "-in", signed.path, "-sigfile", signature.path])
            #expect(verified.status == 0, "\(verified.stdout) \(verified.stderr)")
            #expect(verified.stdout.contains("Signature Verified Successfully"))

            // And openssl signs the same bytes to the same signature (Ed25519 is deterministic).
            let again = dir.appendingPathComponent("again.bin")
            try expectSuccess(try CLI.tool("openssl", ["pkeyutl", "-sign", "-inkey", key.path, "-rawin", "-in", signed.path,
                                                       "-out", again.path]))
            #expect(try Data(contentsOf: again) == Data(line.signed.signature))
            try expectSuccess(try setup.verify())
        }
    }

    @Test func generatedKeyIsPKCS8PEMWithMode0600ThatOpensslReads() throws {
        try withTemporaryDirectory("keygen") { dir in
            let key = dir.appendingPathComponent("new.pem")
            let result = try expectSuccess(try CLI.mutual(["key", "generate", "--out", key.path]))
            let attributes = try FileManager.default.attributesOfItem(atPath: key.path)
            #expect(((attributes[.posixPermissions] as? NSNumber)?.intValue ?? 0) & 0o777 == 0o600)
            #expect(try String(contentsOf: key, encoding: .utf8).hasPrefix("-----BEGIN PRIVATE KEY-----\n"))
            let text = try expectSuccess(try CLI.tool("openssl", ["pkey", "-in", key.path, "-noout", "-text"])).stdout
            #expect(text.contains("ED25519 Private-Key"))
            let ours = try expectSuccess(try CLI.mutual(["key", "public", key.path])).stdout
            #expect(ours == (try expectSuccess(try CLI.tool("openssl", ["pkey", "-in", key.path, "-pubout"]))).stdout)
            #expect(result.stdout.hasPrefix("ed25519:"))
            // Never overwrites.
            let again = try CLI.mutual(["key", "generate", "--out", key.path])
            #expect(again.status == 65)
        }
    }
}
