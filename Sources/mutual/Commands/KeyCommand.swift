import ArgumentParser
import Foundation
import MutualLedger

/// `mutual key`: make and inspect Ed25519 keys.
struct KeyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "key",
        abstract: "Generate an Ed25519 key, or print a key's public key or key id.",
        subcommands: [Generate.self, Public.self, ID.self])

    struct Generate: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Write a new private key as PKCS#8 PEM (mode 0600), as `openssl genpkey -algorithm ed25519` does.")

        @Option(help: ArgumentHelp("Where to write the key; must not exist.", valueName: "file"))
        var out: String

        func run() throws {
            try reportingErrors { () throws(LedgerError) in
                let key = SigningKey.generate()
                try key.write(to: URL(fileURLWithPath: out))
                print(key.id)
            }
        }
    }

    struct Public: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Print the public key as SPKI PEM (what `openssl pkey -pubout` prints).")

        @Argument(help: ArgumentHelp("A private key file.", valueName: "file"))
        var file: String

        @Flag(help: "Print the raw 32-byte key in standard base64 instead (as ledger events carry it).")
        var raw = false

        func run() throws {
            try reportingErrors { () throws(LedgerError) in
                let key = try SigningKey.load(from: URL(fileURLWithPath: file))
                if raw { print(key.publicKey.base64) } else { print(key.publicKey.pem, terminator: "") }
            }
        }
    }

    struct ID: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "id", abstract: "Print the key id (ed25519:<16 hex>).")

        @Argument(help: ArgumentHelp("A private key file.", valueName: "file"))
        var file: String

        func run() throws {
            try reportingErrors { () throws(LedgerError) in
                print(try SigningKey.load(from: URL(fileURLWithPath: file)).id)
            }
        }
    }
}
