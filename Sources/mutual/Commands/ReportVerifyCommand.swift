import ArgumentParser
import MutualLedger
import Projections

/// `mutual report verify REPORT.json`: ties a JSON report to the ledger's signed history and
/// recomputes it byte for byte (docs/REPORTS.md, "Verifying a report").
struct ReportVerifyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "verify",
        abstract: "Check a JSON report: its checkpoint is the ledger's, and recomputing it gives the same bytes.",
        discussion: "Exit 0 when identical; 1 when it differs, its checkpoint is not the ledger's or a proof fails; 65 for a malformed report.")

    @Argument(help: ArgumentHelp("The report, as written by `mutual report ... --format json` (- for standard input).", valueName: "report.json"))
    var report: String

    @OptionGroup var ledger: LedgerOptions

    @Flag(name: .customLong("with-proofs"), help: "Also check every evidence proof offline against the checkpoint and the ledger's lines.")
    var withProofs = false

    func run() throws {
        try reportingErrors { () throws(LedgerError) in
            let bytes = try Output.readInput(report, what: "report")
            let outcome = try ReportVerifier(directory: ledger.directory, lockTimeout: Environment.lockTimeout)
                .verify(bytes, withProofs: withProofs)
            let head = outcome.checkpoint
            print("report verified: \(outcome.request.kind.rawValue) report of \(outcome.count) lines, recomputed byte for byte (\(outcome.byteCount) bytes)")
            print("checkpoint: size \(head.size), root \(head.root.base64), signed by the log key, consistent with the latest checkpoint")
            if outcome.proofsChecked > 0 { print("inclusion proofs verified offline: \(outcome.proofsChecked)") }
        }
    }
}
