import ArgumentParser
import Foundation
import MutualLedger

/// `mutual init`: create a new ledger with its log key and genesis line.
struct Init: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Create a new ledger: the folder, its log key (log.key) and the genesis line.")

    @OptionGroup var ledger: LedgerOptions

    @Option(help: ArgumentHelp("The ledger's origin name, e.g. example.org/ukug-partnerships.", valueName: "name"))
    var origin: String

    @Option(name: .customLong("steward-key"), help: ArgumentHelp("The first steward's private key (signs the genesis line).", valueName: "file"))
    var stewardKey: String

    func run() throws {
        try reportingErrors { () throws(LedgerError) in
            let steward = try SigningKey.load(from: URL(fileURLWithPath: stewardKey))
            let signed = try ledger.open().create(origin: origin, steward: steward)
            print("created ledger \(ledger.directory.root.path) (origin \(origin), steward \(signed.event.author))")
        }
    }
}
