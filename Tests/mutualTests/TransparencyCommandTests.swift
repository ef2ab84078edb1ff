import Foundation
import Testing

/// End-to-end runs of the built `mutual` binary for checkpoints, proofs, audit and witnesses.
@Suite("Transparency commands (binary)")
struct TransparencyCommandTests {
    /// A partnership ledger with a few org events, in its own temporary folder.
    final class Work {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("mutual-tcli-\(UUID().uuidString)")
        var ledger: URL { root.appendingPathComponent("ledger") }
        private var orgs = 0

        init(events: Int) throws {
            try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
            try ok(["key", "generate", "--out", path("steward.pem")])
            try ok(["key", "generate", "--out", path("w1.pem")])
            try ok(["init", "--origin", "example.org/tcli-test", "--steward-key", path("steward.pem")])
            try add(events)
        }

        deinit { try? FileManager.default.removeItem(at: root) }

        func add(_ count: Int) throws {
            for _ in 0..<count {
                orgs += 1
                try ok(["org", "add", "--key", path("steward.pem"), "--id", "org-\(orgs)", "--name", "Org \(orgs)",
                        "--country", "GB", "--income-group", "HIC", "--kind", "hospital"])
            }
        }

        func path(_ name: String) -> String { root.appendingPathComponent(name).path }
        func write(_ name: String, _ text: String) throws { try text.write(toFile: path(name), atomically: true, encoding: .utf8) }
        func read(_ name: String) -> Data? { try? Data(contentsOf: URL(fileURLWithPath: path(name))) }

        /// Line `seq` of the log, with its newline.
        func line(_ seq: Int) throws -> String {
            let text = try String(contentsOf: ledger.appendingPathComponent("events.jsonl"), encoding: .utf8)
            return String(text.split(separator: "\n")[seq]) + "\n"
        }

        func run(_ arguments: [String]) throws -> ProcessResult {
            try CLI.mutual(arguments, ledger: ledger, in: root)
        }

        @discardableResult
        func ok(_ arguments: [String]) throws -> String {
            let result = try run(arguments)
            #expect(result.status == 0, "\(arguments): \(result.stderr)")
            return result.stdout
        }

        func status(_ arguments: [String]) throws -> Int32 { try run(arguments).status }
    }

    @Test func proveAndCheckOffline() throws {
        let work = try Work(events: 6)
        let vkey = try work.ok(["log-key"]).trimmingCharacters(in: .newlines)
        #expect(vkey.hasPrefix("example.org/tcli-test+"))
        let checkpoint = try work.ok(["checkpoint"])
        #expect(checkpoint.hasPrefix("example.org/tcli-test\n7\n"))
        try work.write("vkey", vkey)
        try work.write("line3", work.line(3))
        try work.write("line4", work.line(4))
        try work.write("inc.json", work.ok(["prove", "inclusion", "--seq", "3", "--json"]))
        try work.write("inc.tlog-proof", work.ok(["prove", "inclusion", "--seq", "3", "--format", "tlog-proof"]))
        #expect(try work.status(["check", "inclusion", work.path("inc.json"), "--vkey", vkey, "--line", work.path("line3")]) == 0)
        #expect(try work.status(["check", "inclusion", work.path("inc.json"), "--vkey", work.path("vkey")]) == 0)
        #expect(try work.status(["check", "inclusion", work.path("inc.tlog-proof"), "--vkey", vkey, "--line", work.path("line3")]) == 0)
        #expect(try work.status(["check", "inclusion", work.path("inc.tlog-proof"), "--vkey", vkey, "--line", work.path("line4")]) == 1)
        #expect(try work.status(["check", "inclusion", work.path("inc.json"), "--vkey", vkey, "--line", work.path("line4")]) == 1)
        // One flipped character in a hash: the proof fails (1); garbage: malformed (65).
        let json = try #require(work.read("inc.json").map { String(decoding: $0, as: UTF8.self) })
        let hashStart = try #require(json.range(of: "\"hashes\":[\"")?.upperBound)
        var flipped = json
        flipped.replaceSubrange(hashStart...hashStart, with: json[hashStart] == "A" ? "B" : "A")
        try work.write("bad.json", flipped)
        #expect(try work.status(["check", "inclusion", work.path("bad.json"), "--vkey", vkey]) == 1)
        try work.write("junk.json", "{\"index\":1}")
        #expect(try work.status(["check", "inclusion", work.path("junk.json"), "--vkey", vkey]) == 65)
        #expect(try work.status(["check", "inclusion", work.path("inc.json"), "--vkey", "not-a-key"]) == 65)

        // Consistency from the checkpoint held at size 3 to the latest.
        try work.write("old", work.ok(["prove", "inclusion", "--seq", "0", "--size", "3", "--json"])
            .split(separator: "\"checkpoint\":\"")[1].split(separator: "\",\"hashes\"")[0]
            .replacingOccurrences(of: "\\n", with: "\n"))
        try work.write("cons.json", work.ok(["prove", "consistency", "--from", "3", "--json"]))
        #expect(try work.status(["check", "consistency", work.path("cons.json"), "--vkey", vkey, "--old", work.path("old")]) == 0)
        #expect(try work.status(["check", "consistency", work.path("cons.json"), "--vkey", vkey, "--old", work.path("inc.json")]) == 65)
        let size4 = try work.run(["prove", "inclusion", "--seq", "0", "--size", "99"])
        #expect(size4.status == 64 && size4.stderr.contains("--size 7"))
    }

    @Test func auditFirstIncrementalAndRollback() throws {
        let work = try Work(events: 5)
        let state = work.path("auditor.json")
        let first = try work.ok(["audit", "--state", state, "--json"])
        #expect(first.contains("\"linesAdmitted\":6") && first.contains("\"trustedOnFirstUse\":true"))
        try work.add(3)
        let second = try work.ok(["audit", "--state", state, "--json", "--quiet"])
        #expect(second.contains("\"linesAdmitted\":3") && second.contains("\"previousSize\":6"))
        #expect(work.read("auditor.json.ids.values")?.count == 9 * 40, "the ids table beside the state: 40 bytes per event")
        let before = try #require(work.read("auditor.json"))
        // The operator cuts the last 4 lines and rebuilds hashes and checkpoints.
        let events = work.ledger.appendingPathComponent("events.jsonl")
        let lines = try String(contentsOf: events, encoding: .utf8).split(separator: "\n").prefix(5)
        try (lines.joined(separator: "\n") + "\n").write(to: events, atomically: true, encoding: .utf8)
        for name in ["hashes", "checkpoint", "checkpoints", "cache"] {
            try? FileManager.default.removeItem(at: work.ledger.appendingPathComponent(name))
        }
        try work.ok(["repair", "--hashes"])
        try work.ok(["verify"])
        let rolled = try work.run(["audit", "--state", state])
        #expect(rolled.status == 1 && rolled.stderr.contains("rolled back"))
        #expect(work.read("auditor.json") == before)
    }

    @Test func auditDetectsARewrittenHistory() throws {
        // The operator keeps the first 4 lines and the log key, rewrites the rest with other
        // events (as many as before, and more), and re-issues hashes and checkpoints.
        let work = try Work(events: 6)
        let state = work.path("auditor.json")
        try work.ok(["audit", "--state", state])
        let before = try #require(work.read("auditor.json"))
        let events = work.ledger.appendingPathComponent("events.jsonl")
        let lines = try String(contentsOf: events, encoding: .utf8).split(separator: "\n").prefix(4)
        try (lines.joined(separator: "\n") + "\n").write(to: events, atomically: true, encoding: .utf8)
        for name in ["hashes", "checkpoint", "checkpoints", "cache"] {
            try? FileManager.default.removeItem(at: work.ledger.appendingPathComponent(name))
        }
        try work.ok(["repair", "--hashes"])
        for index in 0..<3 {
            try work.ok(["org", "add", "--key", work.path("steward.pem"), "--id", "other-\(index)", "--name", "Other \(index)",
                         "--country", "UG", "--income-group", "LIC", "--kind", "hospital"])
        }
        try work.ok(["verify"])
        let same = try work.run(["audit", "--state", state])
        #expect(same.status == 1 && same.stderr.contains("forked"), "\(same.stderr)")
        try work.ok(["org", "add", "--key", work.path("steward.pem"), "--id", "other-9", "--name", "Other 9",
                     "--country", "UG", "--income-group", "LIC", "--kind", "hospital"])
        let longer = try work.run(["audit", "--state", state])
        #expect(longer.status == 1 && longer.stderr.contains("forked"), "\(longer.stderr)")
        #expect(work.read("auditor.json") == before)
    }

    @Test func witnessCosignsAndVerifyRequiresIt() throws {
        let work = try Work(events: 3)
        let w1 = try work.ok(["witness-key", "--key", work.path("w1.pem"), "--name", "witness.example/w1"]).trimmingCharacters(in: .newlines)
        #expect(w1.hasPrefix("witness.example/w1+"))
        #expect(w1.split(separator: "+", maxSplits: 2).last?.first == "B", "type byte 0x04 encodes as a leading B")
        #expect(try work.status(["verify", "--witness", w1]) == 1)
        #expect(try work.status(["witness", "--state", work.path("w1.json"), "--key", work.path("w1.pem")]) == 64)
        try work.ok(["witness", "--state", work.path("w1.json"), "--key", work.path("w1.pem"), "--name", "witness.example/w1", "--out", work.path("cosigned")])
        #expect(try work.status(["verify", "--witness", w1, "--checkpoint", work.path("cosigned")]) == 0)
        try work.ok(["checkpoint", "--add-cosignatures", work.path("cosigned")])
        #expect(try work.status(["verify", "--witness", w1]) == 0)
        let w2 = try work.ok(["witness-key", "--key", work.path("steward.pem"), "--name", "witness.example/w2"]).trimmingCharacters(in: .newlines)
        #expect(try work.status(["verify", "--witness", w1, "--witness", w2]) == 1)
        try work.add(1)
        #expect(try work.status(["verify", "--witness", w1]) == 1)
        let again = try work.ok(["witness", "--state", work.path("w1.json"), "--key", work.path("w1.pem")])
        #expect(again.hasPrefix("example.org/tcli-test\n5\n"))
    }

    static var pythonWithCryptography: Bool {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "-c", "import cryptography.hazmat.primitives.asymmetric.ed25519"]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        guard (try? process.run()) != nil else { return false }
        process.waitUntilExit()
        return process.terminationStatus == 0
    }

    @Test("independent Python check of notes, cosignatures and proofs (skipped without python3 + cryptography)",
          .enabled(if: pythonWithCryptography, "python3 with the cryptography package is not installed; run `pip install cryptography`"))
    func pythonInterop() throws {
        let work = try Work(events: 9)
        let interop = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("Ops/interop")
        func py(_ script: String, _ arguments: [String]) throws -> Int32 {
            try CLI.tool("python3", [interop.appendingPathComponent(script).path] + arguments, in: work.root).status
        }
        let vkey = try work.ok(["log-key"]).trimmingCharacters(in: .newlines)
        let w1 = try work.ok(["witness-key", "--key", work.path("w1.pem"), "--name", "witness.example/w1"]).trimmingCharacters(in: .newlines)
        try work.ok(["witness", "--state", work.path("w1.json"), "--key", work.path("w1.pem"), "--name", "witness.example/w1", "--out", work.path("cosigned")])
        #expect(try py("check_note.py", [vkey, work.path("cosigned"), w1]) == 0)
        try work.write("plain", work.ok(["checkpoint"]))
        #expect(try py("check_note.py", [vkey, work.path("plain"), w1]) == 1)
        for seq in 0..<10 {
            try work.write("line", work.line(seq))
            try work.write("p.json", work.ok(["prove", "inclusion", "--seq", String(seq), "--json"]))
            try work.write("p.tlog-proof", work.ok(["prove", "inclusion", "--seq", String(seq), "--format", "tlog-proof"]))
            #expect(try py("check_proof.py", ["inclusion", vkey, work.path("p.json"), work.path("line")]) == 0)
            #expect(try py("check_proof.py", ["inclusion", vkey, work.path("p.tlog-proof"), work.path("line")]) == 0)
        }
        try work.write("line", work.line(2))
        #expect(try py("check_proof.py", ["inclusion", vkey, work.path("p.json"), work.path("line")]) == 1)
        try work.write("old", work.ok(["checkpoint"]))
        try work.add(4)
        try work.write("c.json", work.ok(["prove", "consistency", "--from", "10", "--json"]))
        #expect(try py("check_proof.py", ["consistency", vkey, work.path("c.json"), work.path("old")]) == 0)
    }
}
