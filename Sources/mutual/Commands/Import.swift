import ArgumentParser
import Foundation
import MutualLedger
import PartnershipEvents

/// `mutual import visits.csv|debriefs.csv --key K`: all rows, or none.
struct Import: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Import visits or debriefs from a CSV file (docs/IMPORT.md): every row or none.",
        discussion: """
        Every row is validated and checked against the ledger first; a bad row stops the import with its row
        number (the header is row 1) and nothing is appended. The whole file is appended with one fsync.
        The file's kind comes from its columns (a `held` column means debriefs), or from --as.
        """)

    enum Kind: String, ExpressibleByArgument, CaseIterable { case visits, debriefs }

    @OptionGroup var ledger: LedgerOptions
    @OptionGroup var key: KeyOptions

    @Argument(help: ArgumentHelp("The CSV file (UTF-8, header row first).", valueName: "file"))
    var file: String

    @Option(name: .customLong("as"), help: ArgumentHelp("visits or debriefs (default: from the columns).", valueName: "kind"))
    var kind: Kind?

    @Flag(name: .customLong("dry-run"), help: "Check every row against the ledger and append nothing.")
    var dryRun = false

    @Flag(help: "No progress line on standard error.")
    var quiet = false

    /// The largest CSV file `import` reads (with ``CSVTable/maxRows``, this bounds its memory).
    static let fileLimit = 64 << 20

    /// The file's rows and whether they are debriefs; the file's bytes and text are released on return
    /// (only the rows' cells are kept while the import runs).
    private func read() throws(LedgerError) -> (ImportBatch, isDebriefs: Bool) {
        let bytes = try BulkInput.load(file, limit: Self.fileLimit, what: "CSV file")
        guard let text = String(validating: bytes, as: UTF8.self) else {
            throw LedgerError(.validation, "\(file) is not UTF-8 text; save it as CSV UTF-8")
        }
        let header = text.prefix { $0 != "\n" && $0 != "\r\n" }
        let isDebriefs = kind.map { $0 == .debriefs } ?? header.split(separator: ",").contains { $0.trimmingCharacters(in: .whitespaces) == "held" }
        return (try isDebriefs ? DebriefImport.batch(text) : VisitImport.batch(text), isDebriefs)
    }

    func run() throws {
        try reportingErrors { () throws(LedgerError) in
            let (rows, isDebriefs) = try read()
            let ledger = ledger.open()
            let signingKey = try key.load()
            let progress = ProgressLine("import", totalBytes: Int64(max(1, rows.count)), quiet: quiet)
            defer { progress.finish() }
            let update = { (done: Int) in progress.update(events: done, bytes: Int64(done)) }
            if dryRun {
                try ImportRow.checkAll(rows, ledger: ledger, key: signingKey, progress: update)
                progress.finish()
                print("\(rows.count) \(isDebriefs ? "debriefs" : "visits") checked; nothing appended (--dry-run)")
                return
            }
            let outcomes = try ImportRow.importAll(rows, ledger: ledger, key: signingKey, progress: update)
            progress.finish()
            let seqs = outcomes.map(\.seq)
            print("imported \(rows.count) \(isDebriefs ? "debriefs" : "visits")" + (seqs.isEmpty ? "" : " at seq \(seqs[0])...\(seqs[seqs.count - 1])"))
        }
    }
}
