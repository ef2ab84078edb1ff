#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation
import MutualLedger
import Testing

/// Many writers at once, and writers killed mid-append.
@Suite(.serialized) struct DurabilityTests {
    /// Appends with `mutual record` in a shell loop; each acknowledged (exit 0) "seq N id" goes to $ACKED.
    static let recordLoop = """
        n=0
        while [ "$COUNT" = forever ] || [ "$n" -lt "$COUNT" ]; do
          n=$((n + 1))
          if out=$("$MUTUAL" record --ledger "$LEDGER" --key "$KEY" --type policy.set --body "$BODY"); then
            printf '%s\\n' "$out" >> "$ACKED"
          elif [ "$COUNT" != forever ]; then
            exit 1
          fi
        done
        """

    static func loopEnvironment(_ setup: CLILedger, count: String, acked: URL) throws -> [String: String] {
        guard let binary = CLI.binary else { throw TestSetupError("the mutual binary was not built") }
        return ["MUTUAL": binary.path, "LEDGER": setup.ledger.path, "KEY": setup.steward.path,
                "BODY": setup.body.path, "COUNT": count, "ACKED": acked.path]
    }

    /// "seq N id" lines, as (seq, id).
    static func acknowledged(_ url: URL) throws -> [(seq: Int, id: String)] {
        guard FileManager.default.fileExists(atPath: url.path) else { return [] }
        return try String(contentsOf: url, encoding: .utf8).split(separator: "\n").compactMap { line in
            let parts = line.split(separator: " ")
            guard parts.count == 3, parts[0] == "seq", let seq = Int(parts[1]), EventID.isValid(String(parts[2])) else { return nil }
            return (seq, String(parts[2]))
        }
    }

    @Test func fourProcessesAppend250EventsEach() throws {
        try withTemporaryDirectory("concurrent") { dir in
            let setup = try CLILedger(in: dir)
            let workers = try (0..<4).map { index -> (Process, URL) in
                let acked = dir.appendingPathComponent("acked-\(index)")
                let process = Process()
                process.executableURL = URL(fileURLWithPath: "/bin/sh")
                process.arguments = ["-c", Self.recordLoop]
                process.environment = CLI.environment(try Self.loopEnvironment(setup, count: "250", acked: acked))
                try process.run()
                return (process, acked)
            }
            var all: [(seq: Int, id: String)] = []
            for (process, acked) in workers {
                process.waitUntilExit()
                #expect(process.terminationStatus == 0)
                let mine = try Self.acknowledged(acked)
                #expect(mine.count == 250)
                #expect(mine.map(\.seq) == mine.map(\.seq).sorted(), "one process's seqs only grow")
                all += mine
            }
            #expect(all.map(\.seq).sorted() == Array(1...1000))
            #expect(Set(all.map(\.id)).count == 1000)
            let lines = try logLines(setup.ledger)
            #expect(lines.count == 1001)
            for (seq, id) in all.prefix(50) { #expect(try LedgerLine(bytes: lines[seq]).event.id == id) }
            let verify = try expectSuccess(try setup.verify())
            #expect(verify.stdout.hasPrefix("valid: 1001 events"))
        }
    }

    /// A writer killed with SIGKILL at random moments: afterwards the log verifies, or has only a
    /// torn tail that `mutual repair` removes; every acknowledged event is there at its seq; no
    /// complete line is ever lost.
    @Test func killedWriterLosesNothingAcknowledged() throws {
        try withTemporaryDirectory("crash") { dir in
            let setup = try CLILedger(in: dir)
            let acked = dir.appendingPathComponent("acked")
            let environment = CLI.environment(try Self.loopEnvironment(setup, count: "forever", acked: acked))
            var generator = SystemRandomNumberGenerator()
            var previous = try logLines(setup.ledger)
            for round in 0..<10 {
                let child = try GroupChild(["/bin/sh", "-c", Self.recordLoop], environment: environment)
                usleep(UInt32.random(in: 40_000...350_000, using: &generator))
                child.killGroup()

                let report = try JSONValue(parsing: Array(try setup.verify(["--json"]).stdout.utf8))
                if report["valid"] != .bool(true) {
                    #expect(report["failure"]?["code"] == .string("torn-tail"), "round \(round): \(report.canonicalString)")
                    try expectSuccess(try CLI.mutual(["repair", "--ledger", setup.ledger.path]))
                    try expectSuccess(try setup.verify())
                }
                let lines = try logLines(setup.ledger)
                #expect(lines.count >= previous.count)
                #expect(Array(lines.prefix(previous.count)) == previous, "round \(round): a complete line changed or vanished")
                for (seq, id) in try Self.acknowledged(acked) {
                    #expect(seq < lines.count, "round \(round): acknowledged seq \(seq) is missing")
                    if seq < lines.count { #expect(try LedgerLine(bytes: lines[seq]).event.id == id) }
                }
                previous = lines
            }
            #expect(previous.count > 1, "the writer appended nothing in 10 rounds")
            // Torn tails from SIGKILL are rare (one write() per line), so `repair` is also tested directly below.
        }
    }

    @Test func repairMovesATornTailAsideAndKeepsEveryCompleteLine() throws {
        try withTemporaryDirectory("repair") { dir in
            let setup = try CLILedger(in: dir)
            for _ in 0..<3 { try expectSuccess(try setup.record()) }
            let events = setup.ledger.appendingPathComponent("events.jsonl")
            let complete = try Data(contentsOf: events)
            let torn = Data(#"{"event":{"author":"ed25519:0123"#.utf8)
            try (complete + torn).write(to: events)

            let verify = try setup.verify()
            #expect(verify.status == 1)
            #expect(verify.stderr.hasPrefix("mutual: invalid: seq 4: "))
            let repaired = try expectSuccess(try CLI.mutual(["repair", "--ledger", setup.ledger.path]))
            #expect(repaired.stdout.hasPrefix("moved \(torn.count) torn bytes to "))
            #expect(try Data(contentsOf: events) == complete)
            let saved = try FileManager.default.contentsOfDirectory(atPath: setup.ledger.path).filter { $0.hasPrefix("torn-") }
            #expect(saved.count == 1)
            if let name = saved.first { #expect(try Data(contentsOf: setup.ledger.appendingPathComponent(name)) == torn) }
            try expectSuccess(try setup.verify())
            let again = try expectSuccess(try CLI.mutual(["repair", "--ledger", setup.ledger.path]))
            #expect(again.stdout.hasPrefix("the log ends with a complete line; nothing to cut"))
            #expect(try Data(contentsOf: events) == complete)
            try expectSuccess(try setup.record())
        }
    }
}

/// A child in its own process group, so one SIGKILL reaches the shell and the `mutual` it is running.
struct GroupChild {
    let pid: pid_t

    init(_ arguments: [String], environment: [String: String]) throws {
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETPGROUP))
        posix_spawnattr_setpgroup(&attributes, 0)
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
        let argv = arguments.map { strdup($0) } + [nil]
        let envp = environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer {
            argv.forEach { free($0) }
            envp.forEach { free($0) }
        }
        var pid: pid_t = 0
        let status = posix_spawn(&pid, arguments[0], &actions, &attributes, argv, envp)
        guard status == 0 else { throw TestSetupError("posix_spawn \(arguments[0]) failed: \(status)") }
        self.pid = pid
    }

    /// SIGKILL to the whole group; returns once the shell is reaped and no member is left.
    func killGroup() {
        kill(-pid, SIGKILL)
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
        for _ in 0..<100 where kill(-pid, 0) == 0 {
            usleep(2_000)
        }
    }
}
