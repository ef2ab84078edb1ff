import ArgumentParser
import Foundation
import MutualLedger

/// `mutual witness`: cosign a checkpoint after checking it extends what this witness saw before.
struct WitnessCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "witness",
        abstract: "Verify a checkpoint, check it is consistent with the last one this witness cosigned, and add a C2SP cosignature.",
        discussion: "Prints (or writes to --out) the checkpoint with the cosignature line added. Merge it with `mutual checkpoint --add-cosignatures FILE`.")

    @OptionGroup var ledger: LedgerOptions
    @Option(help: ArgumentHelp("The witness's state file (created on first use).", valueName: "file")) var state: String
    @Option(help: ArgumentHelp("The witness's Ed25519 private key (PKCS#8 PEM, mode 0600).", valueName: "file")) var key: String
    @Option(help: ArgumentHelp("The witness's key name, e.g. witness.example/w1 (required on first use, then remembered).", valueName: "name")) var name: String?
    @Option(help: ArgumentHelp("The checkpoint to cosign (default: DIR/checkpoint).", valueName: "file")) var checkpoint: String?
    @Option(help: ArgumentHelp("The log's verifier key (default: remembered, else the genesis line's).", valueName: "vkey")) var vkey: String?
    @Option(help: ArgumentHelp("Write the cosigned checkpoint here instead of standard output.", valueName: "file")) var out: String?

    func run() throws {
        try reportingErrors { () throws(LedgerError) in
            let stateURL = URL(fileURLWithPath: state)
            var remembered: String?
            if name == nil { remembered = try WitnessState.load(from: stateURL)?.name }
            guard let witnessName = name ?? remembered else {
                throw LedgerError(.usage, "the witness has no state yet, so its name is unknown; pass --name, e.g. --name witness.example/w1")
            }
            let signing = try SigningKey.load(from: URL(fileURLWithPath: key))
            let cosigner = try Cosigner(name: witnessName, key: signing, clock: Environment.clock)
            let logKey: NoteVerifierKey? = try vkey.map { (text: String) throws(LedgerError) in try VerifierKeyArgument.parse(text) }
            let input: [UInt8]? = try checkpoint.map { (path: String) throws(LedgerError) in try Output.readInput(path, what: "checkpoint") }
            let note = try ledger.open().witness(checkpoint: input, stateFile: stateURL, cosigner: cosigner, logKey: logKey)
            if let out {
                try FileIO.replaceAtomically(URL(fileURLWithPath: out), contents: note.bytes)
            } else {
                print(String(decoding: note.bytes, as: UTF8.self), terminator: "")
            }
        }
    }
}

/// `mutual witness-key`: the witness's verifier key (type 0x04), for auditors' `verify --witness`.
struct WitnessKeyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "witness-key",
        abstract: "Print a witness's verifier key, <name>+<8 hex key ID>+<base64(0x04 || public key)>.")

    @Option(help: ArgumentHelp("The witness's private key.", valueName: "file")) var key: String
    @Option(help: ArgumentHelp("The witness's key name.", valueName: "name")) var name: String

    func run() throws {
        try reportingErrors { () throws(LedgerError) in
            let signing = try SigningKey.load(from: URL(fileURLWithPath: key))
            print(try Cosigner(name: name, key: signing).verifierKey.description)
        }
    }
}
