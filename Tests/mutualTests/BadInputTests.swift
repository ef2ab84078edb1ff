import Foundation
import MutualLedger
import Testing

/// Every rejected command exits with its documented code (Sources/mutual/Mutual.swift), prints one
/// stderr line starting `mutual: `, and leaves every file in the ledger folder byte-identical.
struct BadInputTests {
    struct Case: Sendable, CustomTestStringConvertible {
        let name: String
        let status: Int32
        /// Text the one stderr line must contain (names the problem).
        let mentions: String
        var testDescription: String { name }
    }

    static let cases: [Case] = [
        Case(name: "bad flag", status: 64, mentions: "--bogus"),
        Case(name: "missing flag", status: 64, mentions: "--type"),
        Case(name: "bad body JSON", status: 65, mentions: "JSON"),
        Case(name: "body not an object", status: 65, mentions: "object"),
        Case(name: "float in body", status: 65, mentions: "float"),
        Case(name: "missing body file", status: 65, mentions: "does not exist"),
        Case(name: "unknown key file", status: 65, mentions: "does not exist"),
        Case(name: "key not enrolled", status: 65, mentions: "not enrolled"),
        Case(name: "key not enrolled, fresh ledger", status: 65, mentions: "not enrolled"),
        Case(name: "world-readable key", status: 65, mentions: "chmod 600"),
        Case(name: "invalid --occurred date", status: 65, mentions: "2026-02-30"),
        Case(name: "invalid event type", status: 64, mentions: "Visit"),
        Case(name: "reused event id", status: 65, mentions: "already used"),
        Case(name: "torn tail", status: 1, mentions: "mutual repair"),
        Case(name: "unknown --ledger", status: 65, mentions: "no ledger"),
        Case(name: "lock held by another process", status: 74, mentions: "lock"),
        Case(name: "init over an existing ledger", status: 65, mentions: "already"),
        Case(name: "enroll by a non-steward", status: 65, mentions: "steward"),
    ]

    @Test(arguments: cases)
    func rejectedCommandLeavesFilesIdentical(_ testCase: Case) throws {
        try withTemporaryDirectory("bad") { dir in
            let setup = try CLILedger(in: dir)
            // A fresh ledger has no cache yet: the refusal must not create one either.
            if !testCase.name.hasSuffix("fresh ledger") {
                let first = try expectSuccess(try setup.record(["--id", "7f0c2a9e-3b1d-4c55-9a0e-2f6d8b1c4e77"]))
                #expect(first.stdout.hasPrefix("seq 1 "))
            }
            let stranger = dir.appendingPathComponent("stranger.pem")
            try expectSuccess(try CLI.mutual(["key", "generate", "--out", stranger.path]))
            let ledgerPath = setup.ledger.path

            func write(_ name: String, _ text: String) throws -> URL {
                let url = dir.appendingPathComponent(name)
                try Data(text.utf8).write(to: url)
                return url
            }
            var holder: Process?
            var arguments: [String]
            var environment: [String: String] = [:]
            switch testCase.name {
            case "bad flag": arguments = recordArguments(setup) + ["--bogus"]
            case "missing flag": arguments = ["record", "--ledger", ledgerPath, "--key", setup.steward.path, "--body", setup.body.path]
            case "bad body JSON": arguments = recordArguments(setup, body: try write("b.json", #"{"note": "unterminated"#))
            case "body not an object": arguments = recordArguments(setup, body: try write("b.json", "[1, 2]"))
            case "float in body": arguments = recordArguments(setup, body: try write("b.json", #"{"dose": 2.5}"#))
            case "missing body file": arguments = recordArguments(setup, body: dir.appendingPathComponent("nope.json"))
            case "unknown key file": arguments = recordArguments(setup, key: dir.appendingPathComponent("nope.pem"))
            case "key not enrolled", "key not enrolled, fresh ledger": arguments = recordArguments(setup, key: stranger)
            case "world-readable key":
                try FileManager.default.setAttributes([.posixPermissions: 0o644], ofItemAtPath: setup.steward.path)
                arguments = recordArguments(setup)
            case "invalid --occurred date": arguments = recordArguments(setup) + ["--occurred", "2026-02-30"]
            case "invalid event type": arguments = recordArguments(setup, type: "Visit Recorded")
            case "reused event id": arguments = recordArguments(setup, type: "note.changed") + ["--id", "7f0c2a9e-3b1d-4c55-9a0e-2f6d8b1c4e77"]
            case "torn tail":
                let handle = try FileHandle(forWritingTo: setup.ledger.appendingPathComponent("events.jsonl"))
                try handle.seekToEnd()
                try handle.write(contentsOf: Data(#"{"event":{"author":"ed25"#.utf8))
                try handle.close()
                arguments = recordArguments(setup)
            case "unknown --ledger":
                arguments = ["record", "--ledger", dir.appendingPathComponent("elsewhere").path, "--key", setup.steward.path,
                             "--type", "policy.set", "--body", setup.body.path]
            case "lock held by another process":
                holder = try holdLock(on: setup.ledger.appendingPathComponent("events.jsonl"), seconds: 3)
                environment["MUTUAL_LOCK_TIMEOUT"] = "1"
                arguments = recordArguments(setup)
            case "init over an existing ledger":
                arguments = ["init", "--ledger", ledgerPath, "--origin", "example.org/other", "--steward-key", setup.steward.path]
            case "enroll by a non-steward":
                arguments = ["actor", "enroll", "--ledger", ledgerPath, "--key", stranger.path, "--actor", "eve", "--name", "Eve",
                             "--public-key", stranger.path, "--role", "steward"]
            default:
                Issue.record("no setup for case \(testCase.name)")
                return
            }
            let before = try fileHashes(setup.ledger)
            let result = try CLI.mutual(arguments, environment: environment)
            holder?.waitUntilExit()
            #expect(result.status == testCase.status, "\(result.stderr)")
            #expect(result.stderrLines.count == 1, "\(result.stderr)")
            #expect(result.stderr.hasPrefix("mutual: "), "\(result.stderr)")
            #expect(result.stderr.lowercased().contains(testCase.mentions.lowercased()), "\(result.stderr)")
            #expect(result.stdout.isEmpty, "\(result.stdout)")
            #expect(try fileHashes(setup.ledger) == before)
            if testCase.name == "unknown --ledger" {
                #expect(!FileManager.default.fileExists(atPath: dir.appendingPathComponent("elsewhere").path))
            }
        }
    }

    func recordArguments(_ setup: CLILedger, type: String = "policy.set", key: URL? = nil, body: URL? = nil) -> [String] {
        ["record", "--ledger", setup.ledger.path, "--key", (key ?? setup.steward).path, "--type", type, "--body", (body ?? setup.body).path]
    }

    /// Starts `flock FILE sleep SECONDS` and returns once it holds the lock.
    func holdLock(on file: URL, seconds: Int) throws -> Process {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["flock", "--exclusive", file.path, "sleep", String(seconds)]
        try process.run()
        for _ in 0..<200 {
            let probe = try CLI.tool("flock", ["--nonblock", "--shared", file.path, "true"])
            if probe.status != 0 { return process }
            usleep(10_000)
        }
        throw TestSetupError("flock did not take the lock on \(file.path)")
    }
}
