import Foundation
import MutualLedger
import Testing

/// The threat model of docs/SECURITY.md, attack by attack.
@Suite("Security (binary)")
struct SecurityTests {
    static func lineCount(_ fixture: HostileFixture) throws -> Int { try logLines(fixture.ledger).count }

    /// A coordinator's laptop is stolen; the steward revokes the actor. The thief's key can record
    /// nothing after that point, online or by submitting events signed earlier, and cannot be re-enrolled.
    @Test func stolenAndRevokedKeyCannotRecord() throws {
        try withTemporaryDirectory("revoked") { dir in
            let f = try HostileFixture.make(in: dir)
            var sign = f.visitArguments(id: "v-presigned")
            sign.replaceSubrange(0..<4, with: ["sign", "visit", "--out", f.path("presigned.json")])
            try expectSuccess(try CLI.mutual(sign))
            try expectSuccess(try CLI.mutual(["actor", "revoke", "--ledger", f.ledger.path, "--key", f.path("steward.pem"),
                                              "--actor", "amina", "--reason", "laptop stolen"]))
            let count = try Self.lineCount(f)
            try expectCleanRefusal(f.visitArguments(id: "v-after"), fixture: f, status: 65, mentions: "revoked")
            try expectCleanRefusal(["submit", "--ledger", f.ledger.path, f.path("presigned.json")], fixture: f, status: 65, mentions: "revoked")
            try expectCleanRefusal(["actor", "enroll", "--ledger", f.ledger.path, "--key", f.path("steward.pem"), "--actor", "thief",
                                    "--name", "Thief", "--public-key", f.path("nuth.pem"), "--org", "nuth", "--role", "coordinator"],
                                   fixture: f, status: 65, mentions: "revoked")
            #expect(try Self.lineCount(f) == count)
            try expectSuccess(try CLI.mutual(["verify", "--ledger", f.ledger.path]))
        }
    }

    /// An event whose `author` names the steward but whose signature is the coordinator's does not
    /// pass, whether submitted or written straight into the log (and re-chained) by the operator.
    @Test func forgedAuthorDoesNotPass() throws {
        try withTemporaryDirectory("forged") { dir in
            let f = try HostileFixture.make(in: dir)
            let steward = try CLI.mutual(["key", "id", f.path("steward.pem")]).stdout.trimmingCharacters(in: .whitespacesAndNewlines)
            let forged = try HostileInputTests.tampered(f) { object in
                if case .object(var event) = object["event"] {
                    event["author"] = .string(steward)
                    object["event"] = .object(event)
                }
            }
            try expectCleanRefusal(["submit", "--ledger", f.ledger.path, forged], fixture: f, status: 65, mentions: "signature")

            // The operator appends it by hand with a correct seq and prev: verify still names it.
            let lines = try logLines(f.ledger)
            let signed = try SignedEvent(fileBytes: Array(try Data(contentsOf: URL(fileURLWithPath: forged))))
            let line = LedgerLine(seq: lines.count, prev: LedgerLine.hash(of: lines[lines.count - 1]), signed: signed)
            try f.append(line.bytes + [0x0a])
            let result = try CLI.mutual(["verify", "--ledger", f.ledger.path])
            #expect(result.status == 1)
            #expect(result.stderr.contains("seq \(lines.count): ") && result.stderr.contains("signature"), "\(result.stderr)")
        }
    }

    /// Replaying a signed event, from its file or lifted out of the log, records it once.
    @Test func replayedSignedEventIsIdempotent() throws {
        try withTemporaryDirectory("replay") { dir in
            let f = try HostileFixture.make(in: dir)
            let submit = ["submit", "--ledger", f.ledger.path, f.path("signed-visit.json")]
            let first = try expectSuccess(try CLI.mutual(submit))
            let count = try Self.lineCount(f)
            #expect(first.stdout.contains("seq \(count - 1) "))
            let before = try fileHashes(f.ledger)
            for _ in 0..<3 {
                let again = try expectSuccess(try CLI.mutual(submit))
                #expect(again.stdout.contains("already recorded at seq \(count - 1)"))
            }
            // The same event and signature taken from a line of the log.
            let lifted = try LedgerLine(bytes: try logLines(f.ledger)[2])
            let file = try f.write("lifted.json", lifted.signed.fileBytes)
            let replay = try expectSuccess(try CLI.mutual(["submit", "--ledger", f.ledger.path, file]))
            #expect(replay.stdout.contains("already recorded at seq 2"))
            #expect(try Self.lineCount(f) == count)
            #expect(try fileHashes(f.ledger) == before)
        }
    }

    /// A split view: the operator copies the ledger (same log key) and grows the copies differently,
    /// showing one to each auditor. A checkpoint from either side, held by an auditor or witness,
    /// exposes the other: at equal sizes the roots differ; otherwise no consistency proof exists.
    @Test func splitViewIsDetectedFromEitherCheckpoint() throws {
        try withTemporaryDirectory("split") { dir in
            let a = try HostileFixture.make(in: dir)
            let bRoot = dir.appendingPathComponent("fork")
            try FileManager.default.copyItem(at: a.root, to: bRoot)
            let b = HostileFixture(root: bRoot)
            try expectSuccess(try CLI.mutual(a.visitArguments(id: "v-told-to-alice")))
            try expectSuccess(try CLI.mutual(b.visitArguments(id: "v-told-to-bob")))
            let checkpointA = try Self.checkpoint(a), checkpointB = try Self.checkpoint(b)
            #expect(checkpointA.size == checkpointB.size)
            #expect(checkpointA.root != checkpointB.root, "same size, different roots: a fork, provable with the two signed notes")
            #expect(throws: LedgerError.self) {
                try Merkle.checkConsistency(proof: [], from: checkpointA.size, to: checkpointB.size, oldRoot: checkpointA.root, newRoot: checkpointB.root)
            }
            // Bob's side grows on; Alice's checkpoint is not a prefix of it.
            try expectSuccess(try CLI.mutual(b.visitArguments(id: "v-later")))
            let later = try Self.checkpoint(b)
            let store = try HashStore(url: b.ledger.appendingPathComponent("hashes"), readOnly: true)
            let proof = try Merkle.proveConsistency(from: checkpointA.size, to: later.size, reader: store)
            #expect(throws: LedgerError.self) {
                try Merkle.checkConsistency(proof: proof, from: checkpointA.size, to: later.size, oldRoot: checkpointA.root, newRoot: later.root)
            }
            // ...while Bob's own earlier checkpoint is.
            try Merkle.checkConsistency(proof: proof, from: checkpointB.size, to: later.size, oldRoot: checkpointB.root, newRoot: later.root)
        }
    }

    static func checkpoint(_ f: HostileFixture) throws -> Checkpoint {
        try Checkpoint.parse(try SignedNote.parse(Array(try Data(contentsOf: f.ledger.appendingPathComponent("checkpoint")))).text)
    }

    /// Private keys are never printed: not by any command's output, nor inside an error.
    @Test func privateKeyNeverAppearsInOutput() throws {
        try withTemporaryDirectory("secret") { dir in
            let f = try HostileFixture.make(in: dir)
            let pem = try String(contentsOfFile: f.path("nuth.pem"), encoding: .utf8)
            let secret = pem.split(separator: "\n").filter { !$0.hasPrefix("-----") }.joined()
            let cut = try f.write("cut.pem", String(pem.dropLast(20)), mode: 0o600)
            let runs: [[String]] = [
                ["key", "public", f.path("nuth.pem")], ["key", "id", f.path("nuth.pem")],
                f.visitArguments(id: "v-dry") + ["--dry-run"], f.visitArguments(key: cut),
                ["record", "--ledger", f.ledger.path, "--key", f.path("nuth.pem"), "--type", "visit.recorded", "--body", f.path("nuth.pem")],
                ["import", f.path("nuth.pem"), "--ledger", f.ledger.path, "--key", f.path("nuth.pem")],
            ]
            for arguments in runs {
                let result = try CLI.mutual(arguments)
                #expect(!(result.stdout + result.stderr).contains(secret), "\(arguments.prefix(2)) printed the private key")
                #expect(!(result.stdout + result.stderr).contains(String(secret.suffix(24))), "\(arguments.prefix(2)) printed part of the private key")
            }
        }
    }
}

extension SecurityTests {
    /// A formula typed into a free-text field (`=cmd|...`) is stored as text, and CSV reports write it
    /// so that a spreadsheet shows it instead of running it.
    @Test func formulaInjectionIsDefusedInCSVReports() throws {
        try withTemporaryDirectory("formula") { dir in
            let f = try HostileFixture.make(in: dir)
            let formula = "=cmd|' /C calc'!A0"
            try expectSuccess(try CLI.mutual(["record", "innovation", "--ledger", f.ledger.path, "--key", f.path("nuth.pem"),
                                              "--partnership", "ukug-1", "--innovation", "i-formula", "--origin", "nuth",
                                              "--recipient", "gulu-rrh", "--title", formula, "--description", "+1+1", "--frugal"]))
            let report = try expectSuccess(try CLI.mutual(["report", "innovations", "--format", "csv", "--ledger", f.ledger.path]))
            #expect(report.stdout.contains("'" + formula), "\(report.stdout)")
            let cells = report.stdout.split(whereSeparator: { $0 == "," || $0 == "\r" || $0 == "\n" })
                .map { $0.hasPrefix("\"") ? $0.dropFirst() : $0 }
            #expect(!cells.contains { ["=", "+", "@"].contains($0.first) }, "a cell a spreadsheet would run: \(report.stdout)")
        }
    }
}
