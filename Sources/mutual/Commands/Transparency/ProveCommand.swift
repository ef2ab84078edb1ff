import ArgumentParser
import MutualLedger

/// How a proof is printed.
enum ProofFormat: String, ExpressibleByArgument, CaseIterable {
    case text, json
    case tlogProof = "tlog-proof"
}

/// `mutual prove`: inclusion and consistency proofs with the signed checkpoint they lead to.
struct ProveCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "prove",
        abstract: "Print an inclusion or consistency proof, with the signed checkpoint it is checked against.",
        subcommands: [Inclusion.self, Consistency.self])

    struct Inclusion: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Prove that line --seq is in the tree of --size lines (default: the latest checkpoint).",
            discussion: "A checkpoint must have been issued at that size (one is issued after every append). Check the proof with `mutual check inclusion`.")

        @OptionGroup var ledger: LedgerOptions
        @Option(help: "The line's seq (its leaf index).") var seq: Int64
        @Option(help: "The tree size (default: the latest checkpoint's).") var size: Int64?
        @Flag(help: "Same as --format json.") var json = false
        @Option(help: "text, json or tlog-proof (https://c2sp.org/tlog-proof).") var format: ProofFormat = .text

        func run() throws {
            try reportingErrors { () throws(LedgerError) in
                let proof = try ledger.open().proveInclusion(seq: seq, size: size)
                switch json ? .json : format {
                case .json: Output.json(proof.json)
                case .tlogProof: print(try TlogProof.format(proof), terminator: "")
                case .text:
                    print("inclusion of seq \(proof.index) in tree size \(proof.size)")
                    print("leaf hash \(proof.leafHash?.base64 ?? "")")
                    for hash in proof.hashes { print("  \(hash.base64)") }
                    print("checkpoint:\n\(proof.checkpoint)", terminator: "")
                }
            }
        }
    }

    struct Consistency: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Prove that the tree of --from lines is a prefix of the tree of --to lines (default: the latest checkpoint).",
            discussion: "Check the proof with `mutual check consistency FILE --old <checkpoint at --from>`.")

        @OptionGroup var ledger: LedgerOptions
        @Option(help: "The older tree size.") var from: Int64
        @Option(help: "The newer tree size (default: the latest checkpoint's).") var to: Int64?
        @Flag(help: "Same as --format json.") var json = false
        @Option(help: "text or json (tlog-proof holds inclusion proofs only).") var format: ProofFormat = .text

        func run() throws {
            try reportingErrors { () throws(LedgerError) in
                if format == .tlogProof && !json {
                    throw LedgerError(.usage, "c2sp.org/tlog-proof defines inclusion proofs only; use --format json for a consistency proof")
                }
                let proof = try ledger.open().proveConsistency(from: from, to: to)
                if json || format == .json {
                    Output.json(proof.json)
                } else {
                    print("consistency of tree size \(proof.from) with tree size \(proof.to)")
                    for hash in proof.hashes { print("  \(hash.base64)") }
                    print("checkpoint:\n\(proof.checkpoint)", terminator: "")
                }
            }
        }
    }
}
