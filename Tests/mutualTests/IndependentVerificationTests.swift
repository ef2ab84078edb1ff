import Foundation
import MutualLedger
import Testing

/// `Ops/verify-with-openssl.sh` (bash, jq, openssl; no Mutual code) on a ledger made by the CLI.
struct IndependentVerificationTests {
    static var script: String { CLI.packageRoot.appendingPathComponent("Ops/verify-with-openssl.sh").path }

    /// A body with non-ASCII text and escaped characters, including text that looks like the
    /// line's own members (`,"prev":"…","seq":3`), which a naive cut of the event out of the line
    /// would trip over.
    static let trickyBody = #"""
        {"id": "tricky-org", "country": "UG", "incomeGroup": "LIC", "kind": "hospital",
         "name": "Café \"quoted\"\nsecond line\ttab \\ back/slash \u0001 中文 😀 ,\"prev\":\"0000\",\"seq\":3"}
        """#

    @Test func scriptAcceptsACLILedgerAndRejectsAFlippedBodyByte() throws {
        try withTemporaryDirectory("openssl-verify") { dir in
            let setup = try CLILedger(in: dir)
            let amina = dir.appendingPathComponent("amina.pem")
            try expectSuccess(try CLI.mutual(["key", "generate", "--out", amina.path]))
            try expectSuccess(try CLI.mutual(["actor", "enroll", "--ledger", setup.ledger.path, "--key", setup.steward.path,
                                              "--actor", "amina", "--name", "Amina Ndlovu-Okafor — coordinator ✓",
                                              "--public-key", amina.path, "--role", "steward"]))
            let body = dir.appendingPathComponent("org.json")
            try Data(Self.trickyBody.utf8).write(to: body)
            try expectSuccess(try setup.record(type: "org.registered", key: amina, body: body, ["--occurred", "2026-02-27"]))
            try expectSuccess(try setup.record())
            try expectSuccess(try setup.verify())

            let all = try CLI.tool("bash", [Self.script, setup.ledger.path])
            #expect(all.status == 0, "\(all.stdout)\(all.stderr)")
            #expect(all.stdout == (0...3).map { "seq \($0): OK\n" }.joined())
            let some = try CLI.tool("bash", [Self.script, setup.ledger.path, "2"])
            #expect(some.status == 0 && some.stdout == "seq 2: OK\n", "\(some.stdout)\(some.stderr)")

            // Flip one byte inside seq 2's body text: "Café" becomes "C`fé".
            let events = setup.ledger.appendingPathComponent("events.jsonl")
            var bytes = Array(try Data(contentsOf: events))
            let lines = try logLines(setup.ledger)
            let start = lines[0].count + 1 + lines[1].count + 1
            let needle = Array("Caf".utf8)
            let offset = try #require((start..<(start + lines[2].count)).first { Array(bytes[$0..<($0 + 3)]) == needle })
            bytes[offset + 1] ^= 0x01
            try Data(bytes).write(to: events)

            let tampered = try CLI.tool("bash", [Self.script, setup.ledger.path])
            #expect(tampered.status == 1)
            #expect(tampered.stdout.contains("seq 2: FAILED signature does not verify"), "\(tampered.stdout)")
            #expect(tampered.stdout.contains("seq 3: FAILED prev does not match"), "\(tampered.stdout)")
            #expect(tampered.stdout.contains("seq 1: OK"))
            let verify = try setup.verify()
            #expect(verify.status == 1 && verify.stderr.hasPrefix("mutual: invalid: seq 2: "))
        }
    }

    @Test func scriptRejectsAnUnknownAuthorAndBadArguments() throws {
        try withTemporaryDirectory("openssl-verify") { dir in
            let setup = try CLILedger(in: dir)
            try expectSuccess(try setup.record())
            // Re-sign seq 1 with a key the log never introduces (the library does the forging).
            var line = try LedgerLine(bytes: try logLines(setup.ledger)[1])
            let stranger = try SigningKey(seed: Array(repeating: 9, count: 32))
            line.signed.event.author = stranger.id
            line.signed = try EventSignature.sign(line.signed.event, with: stranger)
            let first = try logLines(setup.ledger)[0]
            try Data(first + [0x0a] + line.bytes + [0x0a]).write(to: setup.ledger.appendingPathComponent("events.jsonl"))
            let result = try CLI.tool("bash", [Self.script, setup.ledger.path])
            #expect(result.status == 1)
            #expect(result.stdout.contains("seq 1: FAILED author \(stranger.id)"), "\(result.stdout)")
            #expect(try CLI.tool("bash", [Self.script]).status == 2)
            #expect(try CLI.tool("bash", [Self.script, dir.appendingPathComponent("none").path]).status == 2)
        }
    }
}
