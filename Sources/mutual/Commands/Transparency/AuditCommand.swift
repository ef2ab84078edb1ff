import ArgumentParser
import Foundation
import MutualLedger

/// `mutual audit`: the auditor's incremental check of a ledger.
struct AuditCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "audit",
        abstract: "Audit the ledger since the last run: checkpoint signature, consistency with the remembered checkpoint, and only the new events.",
        discussion: """
        The state file (JSON, plus its tables FILE.PART.values / FILE.PART.index) is the auditor's own; keep it away from the ledger operator.
        The first run audits everything and trusts the log key of the genesis line unless --vkey is given.
        A rolled-back or forked log exits 1 and leaves the state file unchanged. See docs/TRANSPARENCY.md.
        """)

    @OptionGroup var ledger: LedgerOptions
    @Option(help: ArgumentHelp("The auditor's state file (created on the first run).", valueName: "file")) var state: String
    @Option(help: ArgumentHelp("The log's verifier key, or a file holding it (default: remembered, else the genesis line's).", valueName: "vkey")) var vkey: String?
    @Flag(help: "Print the result as JSON.") var json = false
    @Flag(help: "No progress line on standard error.") var quiet = false

    func run() throws {
        try reportingErrors { () throws(LedgerError) in
            let key: NoteVerifierKey? = try vkey.map { (text: String) throws(LedgerError) in try VerifierKeyArgument.parse(text) }
            let opened = ledger.open()
            let size = (try? FileManager.default.attributesOfItem(atPath: opened.directory.events.path)[.size] as? NSNumber)?.int64Value ?? 0
            let progress = ProgressLine("audit", totalBytes: size, quiet: quiet)
            let result: AuditResult
            do {
                defer { progress.finish() }
                result = try opened.audit(stateFile: URL(fileURLWithPath: state), logKey: key) { progress.update(events: $0, bytes: $1) }
            }
            if json {
                Output.json(.object([
                    "previousSize": result.previousSize.map { .integer($0) } ?? .null,
                    "size": .integer(result.checkpoint.size),
                    "root": .string(result.checkpoint.root.base64),
                    "linesAdmitted": .integer(Int64(result.linesAdmitted)),
                    "trustedOnFirstUse": .bool(result.trustedOnFirstUse),
                    "logKey": .string(result.logKey),
                ]))
                return
            }
            if result.reaudited {
                Output.info("the state's tables did not match the state file (an interrupted run?): audited every line again against the remembered checkpoint")
            }
            if result.trustedOnFirstUse {
                Output.info("first audit: trusting the log key in the genesis line, \(result.logKey); compare it with the key the operator published")
            }
            let from = result.previousSize.map { "from size \($0) " } ?? ""
            print("ok: \(result.checkpoint.origin) audited \(from)to size \(result.checkpoint.size); \(result.linesAdmitted) new event\(result.linesAdmitted == 1 ? "" : "s") verified")
        }
    }
}
