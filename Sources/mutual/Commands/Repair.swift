import ArgumentParser
import MutualLedger

/// `mutual repair`: move a torn tail aside.
struct Repair: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Move an incomplete last line (after a crash or power cut) to DIR/torn-<time>.bin; never removes a complete line.")

    @OptionGroup var ledger: LedgerOptions

    func run() throws {
        try reportingErrors { () throws(LedgerError) in
            let outcome = try ledger.open().repair()
            if let saved = outcome.savedTo {
                print("moved \(outcome.removedBytes) torn bytes to \(saved)")
            } else {
                print("nothing to repair: the log ends with a complete line")
            }
        }
    }
}
