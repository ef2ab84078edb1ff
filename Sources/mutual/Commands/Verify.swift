import ArgumentParser
import Foundation
import MutualLedger

/// `mutual verify`: check the whole ledger.
struct Verify: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Verify the whole ledger: canonical lines, sequence, hash chain, signatures, keys, ids and rules.",
        discussion: """
        Exits 0 if the ledger is valid and 1 if not, naming the first failing seq and the reason.
        A valid ledger moves the verified watermark (DIR/cache/verified-RULES.json) to its end;
        --since-watermark then checks only the lines added since (docs/FORMAT.md, "The verified watermark").
        """)

    @OptionGroup var ledger: LedgerOptions

    @Flag(help: "Print the result as JSON.")
    var json = false

    @Option(name: .customLong("witness"), help: ArgumentHelp("Also require a valid cosignature on the latest checkpoint by this witness (vkey, repeatable).", valueName: "vkey"))
    var witnesses: [String] = []

    @Option(help: ArgumentHelp("With --witness: the cosigned checkpoint to check (default: DIR/checkpoint); it must be one this ledger issued.", valueName: "file"))
    var checkpoint: String?

    @Option(help: ArgumentHelp("Threads that check signatures (default: all cores; 1: one sequential pass).", valueName: "n"))
    var jobs: Int?

    @Flag(help: "No progress line on standard error.")
    var quiet = false

    @Flag(help: "Check only the lines after the verified watermark (every line if there is none or it does not match the log).")
    var sinceWatermark = false

    func validate() throws {
        if let jobs, jobs < 1 { throw ValidationError("--jobs must be at least 1") }
    }

    func run() throws {
        var report: VerificationReport?
        var run: WatermarkVerification?
        try reportingErrors { () throws(LedgerError) in
            let opened = ledger.open()
            let size = (try? FileManager.default.attributesOfItem(atPath: opened.directory.events.path)[.size] as? NSNumber)?.int64Value ?? 0
            let progress = ProgressLine("verify", totalBytes: size, quiet: quiet)
            defer { progress.finish() }
            run = try opened.verify(sinceWatermark: sinceWatermark, jobs: jobs ?? ProcessInfo.processInfo.activeProcessorCount) {
                progress.update(events: $0, bytes: $1)
            }
            report = run?.report
        }
        guard let report, let run else { return }
        if sinceWatermark, report.isValid, let reason = run.fullReason, !json, !quiet {
            Output.info("verified every line: \(reason)")
        }
        if json {
            if sinceWatermark, case .object(var object) = report.json {
                object["checked"] = .integer(Int64(run.linesChecked))
                object["resumedFrom"] = run.resumedFrom.map { .integer(Int64($0)) } ?? .null
                Output.json(.object(object))
            } else {
                Output.json(report.json)
            }
        } else if let failure = report.failure {
            Output.error("invalid: \(failure)")
        } else {
            let since = run.resumedFrom.map { "; checked the \(run.linesChecked) lines after the watermark at \($0)" } ?? ""
            print("valid: \(report.verified) events, last line hash \(report.lastHash)\(since)")
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
