import Foundation
import MutualLedger
import Projections
import Testing

/// `mutual report ... --format json [--with-proofs]` and `mutual report verify`, run as the built binary
/// on the sample history (one append batch: checkpoints at sizes 1 and the whole log).
@Suite("report verify (binary)")
struct ReportVerifyCommandTests {
    /// The sample ledger in its own temporary folder.
    static func sample(_ root: URL) throws -> URL {
        let dir = root.appendingPathComponent("ledger")
        try SampleHistory.write(to: Ledger(directory: LedgerDirectory(dir), rules: CoreRules(), clock: { SampleHistory.genesisTime }))
        return dir
    }

    @Test func verifiesAnUntouchedReportAndRejectsEditedOnes() throws {
        try withTemporaryDirectory("rverify") { root in
            let ledger = try Self.sample(root)
            let report = root.appendingPathComponent("compliance.json").path
            try expectSuccess(try CLI.mutual(["report", "compliance", "--ledger", ledger.path, "--at", "60", "--format", "json",
                                               "--with-proofs", "--out", report]))
            let value = try JSONValue(parsing: Array(try Data(contentsOf: URL(fileURLWithPath: report))).dropLast())
            #expect(value["position"]?["lastLineProof"]?["index"] == .integer(60))
            #expect(value["options"]?["at"] == .integer(60))
            #expect((value["evidenceProofs"]?.objectValue?.count ?? 0) > 0)

            let ok = try expectSuccess(try CLI.mutual(["report", "verify", report, "--ledger", ledger.path, "--with-proofs"]))
            #expect(ok.stdout.hasPrefix("report verified: compliance report of 61 lines"))
            #expect(ok.stdout.contains("inclusion proofs verified offline:"))

            let text = try String(contentsOfFile: report, encoding: .utf8)
            let edited = root.appendingPathComponent("edited.json")
            try text.replacingOccurrences(of: "\"status\":\"fail\"", with: "\"status\":\"pass\"").write(to: edited, atomically: true, encoding: .utf8)
            let differs = try CLI.mutual(["report", "verify", edited.path, "--ledger", ledger.path])
            #expect(differs.status == 1)
            #expect(differs.stderr.contains("differs from the ledger at partnerships["), "\(differs.stderr)")

            try Data("{\"schema\":2}\n".utf8).write(to: edited)
            #expect(try CLI.mutual(["report", "verify", edited.path, "--ledger", ledger.path]).status == 65)
        }
    }

    @Test func sameOptionsSameBytesInEveryFormatAndTheTableShowsTheCheckpoint() throws {
        try withTemporaryDirectory("rverify") { root in
            let ledger = try Self.sample(root)
            let checkpoint = try expectSuccess(try CLI.mutual(["checkpoint", "--ledger", ledger.path])).stdout
            let size = checkpoint.split(separator: "\n")[1]
            for format in ["table", "json", "markdown", "html"] {
                let arguments = ["report", "partnership", "nb-lk", "--ledger", ledger.path, "--format", format]
                let first = try expectSuccess(try CLI.mutual(arguments)).stdout
                #expect(try CLI.mutual(arguments).stdout == first)
                #expect(first.contains(format == "json" ? "\"checkpoint\":" : "size \(size)"), "\(format)")
            }
        }
    }

    @Test func withProofsNeedsJSONAndAComplianceKind() throws {
        try withTemporaryDirectory("rverify") { root in
            let ledger = try Self.sample(root)
            #expect(try CLI.mutual(["report", "compliance", "--ledger", ledger.path, "--with-proofs"]).status == 64)
            #expect(try CLI.mutual(["report", "reciprocity", "--ledger", ledger.path, "--format", "json", "--with-proofs"]).status == 64)
        }
    }
}
