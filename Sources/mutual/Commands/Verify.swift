import ArgumentParser
import MutualLedger

/// `mutual verify`: check the whole ledger.
struct Verify: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Verify the whole ledger: canonical lines, sequence, hash chain, signatures, keys, ids and rules.",
        discussion: "Exits 0 if the ledger is valid and 1 if not, naming the first failing seq and the reason.")

    @OptionGroup var ledger: LedgerOptions

    @Flag(help: "Print the result as JSON.")
    var json = false

    func run() throws {
        var report: VerificationReport?
        try reportingErrors { () throws(LedgerError) in
            report = try ledger.open().verify()
        }
        guard let report else { return }
        if json {
            Output.json(report.json)
        } else if let failure = report.failure {
            Output.error("invalid: \(failure)")
        } else {
            print("valid: \(report.verified) events, last line hash \(report.lastHash)")
        }
        if !report.isValid { throw ExitCode(1) }
    }
}
