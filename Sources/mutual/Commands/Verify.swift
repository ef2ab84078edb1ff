import ArgumentParser
import MutualLedger

/// `mutual verify`: check the whole ledger.
struct Verify: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Verify the whole ledger: canonical lines, sequence, hash chain, signatures, keys, ids and rules.",
        discussion: "Exits 0 if the ledger is valid and 1 if not, naming the first failing seq and the reason.")

    @OptionGroup var ledger: LedgerOptions

    @Flag(help: "Print the result as JSON.")
    var json = false

    @Option(name: .customLong("witness"), help: ArgumentHelp("Also require a valid cosignature on the latest checkpoint by this witness (vkey, repeatable).", valueName: "vkey"))
    var witnesses: [String] = []

    @Option(help: ArgumentHelp("With --witness: the cosigned checkpoint to check (default: DIR/checkpoint); it must be one this ledger issued.", valueName: "file"))
    var checkpoint: String?

    func run() throws {
        var report: VerificationReport?
        try reportingErrors { () throws(LedgerError) in
            report = try ledger.open().verify()
        }
        guard let report else { return }
        if json {
            Output.json(report.json)
        } else if let failure = report.failure {
            Output.error("invalid: \(failure)")
        } else {
            print("valid: \(report.verified) events, last line hash \(report.lastHash)")
        }
        if !report.isValid { throw ExitCode(1) }
        guard !witnesses.isEmpty else { return }
        try reportingErrors { () throws(LedgerError) in
            var keys: [NoteVerifierKey] = []
            for text in witnesses { keys.append(try VerifierKeyArgument.parse(text, what: "--witness")) }
            let input: [UInt8]? = try checkpoint.map { (path: String) throws(LedgerError) in try Output.readInput(path, what: "checkpoint") }
            let cosigned = try ledger.open().checkWitnessed(checkpoint: input, witnesses: keys)
            if !json { print("cosigned: checkpoint at size \(cosigned.size) by \(keys.map(\.name).joined(separator: ", "))") }
        }
    }
}
