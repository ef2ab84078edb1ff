import Foundation
import MutualLedger
import Testing

/// Bad input to `submit` and `import` is bad input (65), never "ledger invalid" (1); a damaged
/// checkpoints file is a damaged ledger (1); and an event submitted twice in one batch is recorded once.
struct RefusalCodeTests {
    @Test func malformedSignedEventFileExits65AndChangesNothing() throws {
        try withTemporaryDirectory("submit-junk") { dir in
            let setup = try CLILedger(in: dir)
            let junk = dir.appendingPathComponent("junk.json")
            let cases = ["not json", #"{"event": {}, "sig": "AA=="}"#, #"{ "sig":"x","event":{} }"#]
            for text in cases {
                try Data(text.utf8).write(to: junk)
                let before = try fileHashes(setup.ledger)
                let result = try CLI.mutual(["submit", "--ledger", setup.ledger.path, junk.path])
                #expect(result.status == 65, "\(text): \(result.stderr)")
                #expect(result.stderr.hasPrefix("mutual: ") && result.stderr.split(separator: "\n").count == 1)
                #expect(try fileHashes(setup.ledger) == before)
            }
        }
    }

    @Test func importSignedByAnUnenrolledKeyExits65() throws {
        try withTemporaryDirectory("import-stranger") { dir in
            let setup = try CLILedger(in: dir)
            let stranger = dir.appendingPathComponent("stranger.pem")
            try expectSuccess(try CLI.mutual(["key", "generate", "--out", stranger.path]))
            let sample = CLI.packageRoot.appendingPathComponent("Ops/samples/visits.csv")
            let before = try fileHashes(setup.ledger)
            let result = try CLI.mutual(["import", "--ledger", setup.ledger.path, "--key", stranger.path, sample.path])
            #expect(result.status == 65, "\(result.stderr)")
            #expect(result.stderr.contains("row 2"), "\(result.stderr)")
            #expect(try fileHashes(setup.ledger) == before)
        }
    }

    @Test func garbageInTheCheckpointsFileIsAnInvalidLedger() throws {
        try withTemporaryDirectory("checkpoints-garbage") { dir in
            let setup = try CLILedger(in: dir)
            try expectSuccess(try setup.record())
            let handle = try FileHandle(forWritingTo: setup.ledger.appendingPathComponent("checkpoints"))
            try handle.seekToEnd()
            try handle.write(contentsOf: Data("garbage\n".utf8))
            try handle.close()
            let result = try setup.verify()
            #expect(result.status == 1, "\(result.stderr)")
            #expect(result.stderr.hasPrefix("mutual: invalid: checkpoints are damaged"), "\(result.stderr)")
        }
    }

    @Test func theSameSignedEventTwiceInOneSubmitIsRecordedOnce() throws {
        try withTemporaryDirectory("submit-twice") { dir in
            let setup = try CLILedger(in: dir)
            let signed = dir.appendingPathComponent("policy.json")
            try expectSuccess(try CLI.mutual(["sign", "--type", "policy.set", "--body", setup.body.path,
                                              "--key", setup.steward.path, "--out", signed.path]))
            let result = try expectSuccess(try CLI.mutual(["submit", "--ledger", setup.ledger.path, signed.path, signed.path]))
            #expect(result.stdout.contains("\(signed.path): seq 1 "), "\(result.stdout)")
            #expect(result.stdout.contains("\(signed.path): already recorded at seq 1"), "\(result.stdout)")
            #expect(try logLines(setup.ledger).count == 2)
            try expectSuccess(try setup.verify())
        }
    }
}
