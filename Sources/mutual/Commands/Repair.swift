import ArgumentParser
import MutualLedger

/// `mutual repair`: move a torn tail aside and bring the hash store and checkpoint in line with the log.
struct Repair: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Move an incomplete last line (after a crash or power cut) to DIR/torn-<time>.bin, and bring the hash store and checkpoint up to date.",
        discussion: "Never removes a complete line. Safe to run at any time.")

    @OptionGroup var ledger: LedgerOptions

    @Flag(help: "Rebuild the hash store (DIR/hashes) from the log even if it looks right.")
    var hashes = false

    func run() throws {
        try reportingErrors { () throws(LedgerError) in
            let outcome = try ledger.open().repair(hashes: hashes)
            if let saved = outcome.savedTo {
                print("moved \(outcome.removedBytes) torn bytes to \(saved)")
            } else {
                print("the log ends with a complete line; nothing to cut")
            }
            print(outcome.derivedFilesUpdated ? "hash store and checkpoint brought up to date" : "hash store and checkpoint match the log")
        }
    }
}
