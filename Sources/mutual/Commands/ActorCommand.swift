import ArgumentParser
import Foundation
import MutualLedger

/// `mutual actor`: enroll and revoke the people whose keys may sign (steward-signed).
struct ActorCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "actor",
        abstract: "Enroll or revoke actors (people and their keys), or list them.",
        subcommands: [Enroll.self, Revoke.self, List.self])

    struct Enroll: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Enroll an actor's public key (signed by a steward).")

        @OptionGroup var ledger: LedgerOptions
        @OptionGroup var key: KeyOptions

        @Option(help: ArgumentHelp("The actor id, e.g. amina-coord.", valueName: "id"))
        var actor: String

        @Option(help: ArgumentHelp("The actor's display name.", valueName: "text"))
        var name: String

        @Option(name: .customLong("public-key"), help: ArgumentHelp("The actor's public key: an SPKI PEM file, or a private key file, or raw base64.", valueName: "file|base64"))
        var publicKey: String

        @Option(help: ArgumentHelp("The actor's organisation id.", valueName: "id"))
        var org: String?

        @Option(name: .customLong("role"), help: ArgumentHelp("A role (repeat for several): steward, coordinator, funder, auditor.", valueName: "role"))
        var roles: [String] = []

        @Flag(name: .customLong("dry-run"), help: "Print the signed event without appending it.")
        var dryRun = false

        func validate() throws {
            guard !roles.isEmpty else { throw ValidationError("give at least one --role, e.g. --role coordinator") }
        }

        func run() throws {
            try reportingErrors { () throws(LedgerError) in
                let enrolled = try ActorEnrolledBody(actor: actor, name: name, publicKey: readPublicKey(publicKey), org: org, roles: roles)
                try appendOrPrint(type: CoreEventType.actorEnrolled, body: enrolled.json, ledger: ledger, key: key, dryRun: dryRun)
            }
        }
    }

    struct Revoke: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Revoke every key of an actor (signed by a steward).")

        @OptionGroup var ledger: LedgerOptions
        @OptionGroup var key: KeyOptions

        @Option(help: ArgumentHelp("The actor id.", valueName: "id"))
        var actor: String

        @Option(help: ArgumentHelp("Why, e.g. \"laptop stolen\".", valueName: "text"))
        var reason: String

        @Flag(name: .customLong("dry-run"), help: "Print the signed event without appending it.")
        var dryRun = false

        func run() throws {
            try reportingErrors { () throws(LedgerError) in
                let body = ActorRevokedBody(actor: actor, reason: reason)
                try appendOrPrint(type: CoreEventType.actorRevoked, body: body.json, ledger: ledger, key: key, dryRun: dryRun)
            }
        }
    }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List enrolled keys and their state.")

        @OptionGroup var ledger: LedgerOptions

        func run() throws {
            try reportingErrors { () throws(LedgerError) in
                try ledger.open().withCurrentState { fold in
                    for (id, entry) in fold.registry.keys.sorted(by: { $0.value.enrolledAt < $1.value.enrolledAt }) {
                        let state = entry.revokedAt.map { "revoked at seq \($0)" } ?? "active"
                        print("\(entry.actor)\t\(id)\t\(entry.roles.joined(separator: ","))\t\(entry.org ?? "-")\t\(state)\t\(entry.name)")
                    }
                }
            }
        }
    }
}

/// Reads a public key given as a PEM file (public or private) or as raw base64.
func readPublicKey(_ text: String) throws(LedgerError) -> PublicKey {
    if FileManager.default.fileExists(atPath: text) {
        let bytes = try FileIO.readSmallFile(URL(fileURLWithPath: text), limit: 16_384, what: "public key file")
        let pem = String(decoding: bytes, as: UTF8.self)
        if pem.contains("PRIVATE KEY") { return try SigningKey.load(from: URL(fileURLWithPath: text)).publicKey }
        return try PublicKey(pem: pem)
    }
    return try PublicKey(base64: text)
}
