import ArgumentParser
import Foundation
import MutualLedger

/// `mutual checkpoint`: print the latest signed checkpoint, or merge a witness's cosignatures into it.
struct CheckpointCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "checkpoint",
        abstract: "Print the latest signed checkpoint (DIR/checkpoint) after verifying the log key's signature.",
        discussion: "With --add-cosignatures FILE, merge the cosignature lines of a witness-cosigned copy into DIR/checkpoint (the note text must be identical).")

    @OptionGroup var ledger: LedgerOptions

    @Option(name: .customLong("add-cosignatures"), help: ArgumentHelp("A cosigned copy of the current checkpoint (from `mutual witness`).", valueName: "file"))
    var addCosignatures: String?

    @Option(help: ArgumentHelp("Print the checkpoint issued at this tree size instead of the latest (from DIR/checkpoints).", valueName: "n"))
    var size: Int64?

    func run() throws {
        try reportingErrors { () throws(LedgerError) in
            let ledger = ledger.open()
            if let addCosignatures {
                let added = try ledger.addCosignatures(from: Output.readInput(addCosignatures, what: "cosigned checkpoint"))
                Output.info(added.isEmpty ? "no new cosignatures" : "added cosignatures by \(added.joined(separator: ", "))")
            }
            let (_, note) = try ledger.checkpointNote(size: size)
            print(String(decoding: note.bytes, as: UTF8.self), terminator: "")
        }
    }
}

/// `mutual log-key`: print the log's note verifier key.
struct LogKeyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "log-key",
        abstract: "Print the log's verifier key, <origin>+<8 hex key ID>+<base64(0x01 || public key)>, as Go's sumdb/note reads it.")

    @OptionGroup var ledger: LedgerOptions

    func run() throws {
        try reportingErrors { () throws(LedgerError) in
            print(try ledger.open().logVerifierKey().description)
        }
    }
}

/// `--vkey KEY`: a verifier key given inline or as a file holding it.
enum VerifierKeyArgument {
    /// Parses a vkey (or the first line of the file it names); a malformed key is bad input (exit 65).
    static func parse(_ text: String, what: String = "--vkey") throws(LedgerError) -> NoteVerifierKey {
        var value = text
        if !text.contains("+"), FileManager.default.fileExists(atPath: text) {
            value = String(decoding: try FileIO.readSmallFile(URL(fileURLWithPath: text), limit: 4096, what: "verifier key"), as: UTF8.self)
                .trimmingCharacters(in: .whitespacesAndNewlines)
        }
        do {
            return try NoteVerifierKey(parsing: value)
        } catch {
            throw LedgerError(.validation, "\(what): \(error.message)")
        }
    }
}
