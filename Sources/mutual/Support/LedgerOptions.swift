import ArgumentParser
import Foundation
import MutualLedger

/// `--ledger DIR`, shared by every command that works on a ledger.
struct LedgerOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("The ledger folder (default: $MUTUAL_LEDGER, else ./ledger).", valueName: "dir"))
    var ledger: String?

    var directory: LedgerDirectory {
        let path = ledger ?? ProcessInfo.processInfo.environment["MUTUAL_LEDGER"] ?? "ledger"
        return LedgerDirectory(URL(fileURLWithPath: path))
    }

    /// The ledger, with the vocabulary's rules, the environment's clock and lock timeout.
    func open() -> Ledger<ActiveRules> {
        Ledger(directory: directory, rules: ActiveRules(), clock: Environment.clock, lockTimeout: Environment.lockTimeout)
    }
}

/// `--key FILE`: the signing key of the person recording.
struct KeyOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("Your Ed25519 private key (PKCS#8 PEM, mode 0600).", valueName: "file"))
    var key: String

    func load() throws(LedgerError) -> SigningKey {
        try SigningKey.load(from: URL(fileURLWithPath: key))
    }
}
