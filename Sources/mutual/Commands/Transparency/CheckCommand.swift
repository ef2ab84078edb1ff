import ArgumentParser
import Foundation
import MutualLedger

/// `mutual check`: verify proofs offline, without the ledger.
struct CheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Verify an inclusion or consistency proof offline, with only the log's verifier key.",
        discussion: "Exit codes: 0 the proof verifies; 1 it does not; 65 the proof, key or checkpoint is malformed.",
        subcommands: [Inclusion.self, Consistency.self])

    struct Inclusion: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Verify an inclusion proof (JSON or tlog-proof): the checkpoint's signature, then the audit path to its root.")

        @Argument(help: ArgumentHelp("The proof file (- for standard input).", valueName: "file")) var file: String
        @Option(help: ArgumentHelp("The log's verifier key (`mutual log-key`), or a file holding it.", valueName: "vkey")) var vkey: String
        @Option(help: ArgumentHelp("The ledger line the proof is for (its bytes, with or without the final newline); its leaf hash is recomputed.", valueName: "file")) var line: String?

        func run() throws {
            try reportingErrors { () throws(LedgerError) in
                let key = try VerifierKeyArgument.parse(vkey)
                let proof = try InclusionProof(parsing: Output.readInput(file, what: "proof"))
                var lineBytes: [UInt8]?
                if let line {
                    var bytes = try Output.readInput(line, what: "line")
                    if bytes.last == 0x0a { bytes.removeLast() }
                    lineBytes = bytes
                }
                let checkpoint = try proof.check(logKey: key, line: lineBytes)
                print("ok: leaf \(proof.index) is in \(checkpoint.origin) at tree size \(checkpoint.size)")
            }
        }
    }

    struct Consistency: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Verify a consistency proof: both checkpoints' signatures and origin, then the proof from the old root to the new.")

        @Argument(help: ArgumentHelp("The proof file (- for standard input).", valueName: "file")) var file: String
        @Option(help: ArgumentHelp("The log's verifier key (`mutual log-key`), or a file holding it.", valueName: "vkey")) var vkey: String
        @Option(help: ArgumentHelp("The older signed checkpoint you hold.", valueName: "checkpoint")) var old: String

        func run() throws {
            try reportingErrors { () throws(LedgerError) in
                let key = try VerifierKeyArgument.parse(vkey)
                let proof = try ConsistencyProof(parsing: Output.readInput(file, what: "proof"))
                let checkpoint = try proof.check(logKey: key, old: Output.readInput(old, what: "old checkpoint"))
                print("ok: \(checkpoint.origin) at tree size \(proof.from) is a prefix of tree size \(checkpoint.size)")
            }
        }
    }
}
