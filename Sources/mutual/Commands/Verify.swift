import ArgumentParser
import Foundation
import MutualLedger

/// `mutual verify`: check the whole ledger.
struct Verify: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Verify the whole ledger: canonical lines, sequence, hash chain, signatures, keys, ids and rules.",
        discussion: "Exits 0 if the ledger is valid and 1 if not, naming the first failing seq and the reason.")

    @OptionGroup var ledger: LedgerOptions

    @Flag(help: "Print the result as JSON.")
    var json = false

    @Option(help: ArgumentHelp("Threads that check signatures (default: all cores; 1: one sequential pass).", valueName: "n"))
    var jobs: Int?

    @Flag(help: "No progress line on standard error.")
    var quiet = false

    func validate() throws {
        if let jobs, jobs < 1 { throw ValidationError("--jobs must be at least 1") }
    }

    func run() throws {
        var report: VerificationReport?
        try reportingErrors { () throws(LedgerError) in
            let opened = ledger.open()
            let size = (try? FileManager.default.attributesOfItem(atPath: opened.directory.events.path)[.size] as? NSNumber)?.int64Value ?? 0
            let progress = ProgressLine("verify", totalBytes: size, quiet: quiet)
            defer { progress.finish() }
            report = try opened.verify(jobs: jobs ?? ProcessInfo.processInfo.activeProcessorCount) { progress.update(events: $0, bytes: $1) }
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
    }
}
