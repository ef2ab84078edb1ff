import ArgumentParser
import Foundation
import MutualLedger
import Projections

/// The options every `mutual report` subcommand shares: which partnership, which period, which
/// point of the log, which format, and where to write.
struct ReportOptions: ParsableArguments {
    @Option(help: ArgumentHelp("Only this partnership.", valueName: "id"))
    var partnership: String?

    @Option(help: ArgumentHelp("First day of the period (YYYY-MM-DD; visits count by their start date).", valueName: "date"))
    var from: String?

    @Option(help: ArgumentHelp("Last day of the period (YYYY-MM-DD, inclusive).", valueName: "date"))
    var to: String?

    @Option(help: ArgumentHelp("Compute the report over lines 0...SEQ of the log.", valueName: "seq"))
    var at: Int?

    @Option(name: .customLong("as-of"), help: ArgumentHelp("Compute the report over events that occurred on or before this day.", valueName: "date"))
    var asOf: String?

    @Option(help: ArgumentHelp("Output format: table, json, csv, markdown or html.", valueName: "format"))
    var format: String = ReportFormat.table.rawValue

    @Option(help: ArgumentHelp("Write the report to this file instead of standard output.", valueName: "file"))
    var out: String?

    @Flag(name: .customLong("with-proofs"), help: "JSON compliance and partnership reports: add an inclusion proof of each evidence seq (evidenceProofs).")
    var withProofs = false

    @Flag(name: .customLong("no-cache"), help: "Rebuild the report from line 0: neither read nor write the snapshot in DIR/cache/.")
    var noCache = false

    @Flag(help: "No progress line on standard error during long rebuilds.")
    var quiet = false

    func validate() throws {
        let fromDate = try Self.date(from, flag: "--from")
        let toDate = try Self.date(to, flag: "--to")
        _ = try Self.date(asOf, flag: "--as-of")
        if let fromDate, let toDate, fromDate > toDate {
            throw ValidationError("--from \(fromDate.text) is after --to \(toDate.text); give a period whose start is on or before its end")
        }
        if at != nil && asOf != nil {
            throw ValidationError("--at and --as-of cannot be combined; choose a log position (--at) or a day (--as-of)")
        }
        if let at, at < 0 { throw ValidationError("--at must be a seq of 0 or more") }
        guard ReportFormat(rawValue: format) != nil else {
            throw ValidationError("--format \(format) is not known; use table, json, csv, markdown or html")
        }
        if withProofs && format != ReportFormat.json.rawValue {
            throw ValidationError("--with-proofs needs --format json; the proofs are JSON")
        }
        if let partnership, !Identifier.isValid(partnership) {
            throw ValidationError("--partnership \(partnership) is not an identifier; use lowercase letters, digits, . _ -")
        }
    }

    static func date(_ text: String?, flag: String) throws -> CalendarDate? {
        guard let text else { return nil }
        guard let date = CalendarDate(parsing: text) else {
            throw ValidationError("\(flag) \(text) is not a date; write it as YYYY-MM-DD, e.g. 2025-06-30")
        }
        return date
    }

    var point: ReportPoint {
        if let at { return .at(seq: at) }
        if let day = asOf.flatMap(CalendarDate.init(parsing:)) { return .asOf(day) }
        return .latest
    }

    var period: ReportPeriod {
        ReportPeriod(from: from.flatMap(CalendarDate.init(parsing:)), to: to.flatMap(CalendarDate.init(parsing:)))
    }

    /// Computes the report of `kind` on `ledger` and writes it where asked.
    func run(_ kind: ReportDocument.Kind, ledger: LedgerOptions, partnership only: String? = nil) throws(LedgerError) {
        let request = ReportRequest(kind: kind, partnership: only ?? partnership, period: period, point: point, withProofs: withProofs)
        let maker = ReportMaker(directory: ledger.directory, lockTimeout: Environment.lockTimeout, useSnapshots: !noCache)
        let attributes = try? FileManager.default.attributesOfItem(atPath: ledger.directory.events.path)
        let progress = ProgressLine("report", totalBytes: (attributes?[.size] as? NSNumber)?.int64Value ?? 0, quiet: quiet)
        let doc: ReportDocument
        do throws(LedgerError) {
            doc = try maker.make(request, format: ReportFormat(rawValue: format)) { lines, bytes, _ in
                progress.update(events: lines, bytes: bytes)
            }
            progress.finish()
        } catch {
            progress.finish()
            throw error
        }
        let bytes = doc.render(ReportFormat(rawValue: format) ?? .table)
        if let out {
            do {
                try Data(bytes).write(to: URL(fileURLWithPath: out), options: .atomic)
            } catch {
                throw LedgerError(.io, "cannot write \(out): \(error.localizedDescription); check the folder exists and is writable")
            }
        } else {
            FileHandle.standardOutput.write(Data(bytes))
        }
    }
}
