import Foundation
import MutualLedger
import PartnershipEvents

/// The bulk-append rows through the command line (issue 6: at least 40,000 events/s):
/// `mutual import visits.csv` of generated CSV rows, and `mutual submit --batch FILE.jsonl` of
/// events signed offline (or, when this `mutual` has no `--batch`, `Ledger.append` of the same
/// events in this process). Each runs on its own copy of the ledger. Import signs every row and
/// verifies none (its limit is cores x raw sign); submit verifies every signature (cores x raw
/// verify). Each also gets a per-CPU-second row against one core's raw rate: steadier than wall
/// time when other work shares the cores.
///
/// ```swift
/// let rows = try BulkAppendRows(mutual: mutual, work: work, rows: 10_000, cores: 2, rawVerify: verify, rawSign: sign)
///     .rows(ledger: generated)
/// ```
struct BulkAppendRows {
    var mutual: String
    var work: URL
    /// Events per import or submit (at most `importMaximum` for the import).
    var rows: Int
    var cores: Int
    /// Single-core raw Ed25519 verify rate: every submitted signature is checked, so cores x this bounds submit.
    var rawVerify: Double
    /// Single-core raw Ed25519 sign rate: every imported row is signed, so cores x this bounds import.
    var rawSign: Double

    /// `mutual import` refuses files of more rows (docs/IMPORT.md).
    static let importMaximum = CSVTable.maxRows
    /// The default number of rows: the ledger's size, at most this, so a 1,000,000-event table stays bounded.
    static let defaultMaximum = 100_000
    static let target = Target(kind: .atLeast, threshold: 40_000, on: "value")

    func rows(ledger: LedgerGenerator.Result) throws -> [BenchRow] {
        try importRows(ledger: ledger) + submitRows(ledger: ledger)
    }

    private var limit: Quantity { Quantity(value: rawVerify * Double(cores), unit: "/s") }
    private var limitName: String { "\(cores) x raw verify" }

    /// The import row, and its rate per CPU-second against one core's raw sign rate.
    func importRows(ledger: LedgerGenerator.Result) throws -> [BenchRow] {
        let (row, outcome) = try importRow(ledger: ledger)
        guard let outcome, outcome.cpuSeconds > 0 else { return [row] }
        let count = Double(min(rows, Self.importMaximum))
        return [row, BenchRow("bulk import, per CPU-s", Quantity(value: count / outcome.cpuSeconds, unit: "ev/s"),
                              limit: Quantity(value: rawSign, unit: "/s"), limitName: "raw sign, 1 core",
                              note: "the same run divided by its CPU time (user + sys, every thread)")]
    }

    /// The submit row, and its rate per CPU-second against one core's raw verify rate.
    func submitRows(ledger: LedgerGenerator.Result) throws -> [BenchRow] {
        let (row, outcome) = try submitRow(ledger: ledger)
        guard let outcome, outcome.cpuSeconds > 0 else { return [row] }
        return [row, BenchRow("bulk submit, per CPU-s", Quantity(value: Double(rows) / outcome.cpuSeconds, unit: "ev/s"),
                              limit: Quantity(value: rawVerify, unit: "/s"), limitName: "raw verify, 1 core",
                              note: "the same run divided by its CPU time (user + sys, every thread)")]
    }

    /// `mutual import visits.csv --key K` of `rows` new visits (capped at the import maximum), with
    /// the child's outcome when it succeeded.
    func importRow(ledger: LedgerGenerator.Result) throws -> (BenchRow, ChildProcess.Outcome?) {
        let count = min(rows, Self.importMaximum)
        let name = "bulk import (mutual import, \(Quantity.grouped(count)) CSV rows)"
        let copy = try LedgerCopy.make(of: ledger.directory, named: "import", in: work)
        defer { LedgerCopy.remove(copy) }
        let csv = work.appendingPathComponent("visits.csv")
        defer { try? FileManager.default.removeItem(at: csv) }
        try Data(Self.visitsCSV(count, ledger: ledger).utf8).write(to: csv)
        let before = try Self.logBytes(copy)
        let outcome = try ChildProcess.run(mutual, ["import", csv.path, "--key", ledger.recordKey.path, "--ledger", copy.path], scratch: work)
        if outcome.exitCode == 64 {
            return (.unsupported(name, unit: "ev/s", target: Self.target, note: "mutual import exited 64: \(outcome.stderr)"), nil)
        }
        guard outcome.exitCode == 0, try Self.logBytes(copy) > before else {
            log("mutual import of the generated CSV failed (exit \(outcome.exitCode)): \(outcome.stderr)")
            return (.failed(name, unit: "ev/s", target: Self.target,
                            note: "mutual import exited \(outcome.exitCode)\(outcome.exitCode == 0 ? " and appended nothing" : ""): \(outcome.stderr.prefix(200))"), nil)
        }
        let row = BenchRow(name, Quantity(value: Double(count) / outcome.seconds, unit: "ev/s"),
                           limit: Quantity(value: rawSign * Double(cores), unit: "/s"), limitName: "\(cores) x raw sign",
                           target: Self.target,
                           note: String(format: "one process on a copy of the ledger: start, read the CSV, sign and check every row, one write + fsync; %.2f s wall, %.2f s CPU, %.1f MB peak",
                                        outcome.seconds, outcome.cpuSeconds, Double(outcome.maxRSSBytes) / 1e6))
        return (row, outcome)
    }

    /// `mutual submit --batch FILE.jsonl` of `rows` events signed offline, or `Ledger.append` of them
    /// in process; with the child's outcome when it succeeded.
    func submitRow(ledger: LedgerGenerator.Result) throws -> (BenchRow, ChildProcess.Outcome?) {
        var source = ledger
        let events = try source.signMore(rows)
        let copy = try LedgerCopy.make(of: ledger.directory, named: "submit", in: work)
        defer { LedgerCopy.remove(copy) }
        let batch = work.appendingPathComponent("signed.jsonl")
        defer { try? FileManager.default.removeItem(at: batch) }
        try Data(events.flatMap(\.fileBytes)).write(to: batch)
        let before = try Self.logBytes(copy)
        let outcome = try ChildProcess.run(mutual, ["submit", "--batch", batch.path, "--ledger", copy.path], scratch: work)
        if outcome.exitCode == 0, try Self.logBytes(copy) > before {
            let row = BenchRow("bulk submit (mutual submit --batch, \(Quantity.grouped(rows)) events)",
                               Quantity(value: Double(rows) / outcome.seconds, unit: "ev/s"), limit: limit, limitName: limitName,
                               target: Self.target,
                               note: String(format: "one process on a copy of the ledger: start, read the signed events, check every signature and rule, one write + fsync; %.2f s wall, %.2f s CPU, %.1f MB peak",
                                            outcome.seconds, outcome.cpuSeconds, Double(outcome.maxRSSBytes) / 1e6))
            return (row, outcome)
        }
        let why = outcome.exitCode == 64 ? "this mutual has no `submit --batch`"
            : "mutual submit --batch failed (exit \(outcome.exitCode): \(outcome.stderr.prefix(160)))"
        LedgerCopy.remove(copy)
        let fresh = try LedgerCopy.make(of: ledger.directory, named: "submit", in: work)
        let appender = Ledger(directory: LedgerDirectory(fresh), rules: PartnershipRules())
        let time = try Timing.measureProcess { _ = try appender.append(events) }
        return (BenchRow("bulk submit (Ledger.append in process, \(Quantity.grouped(rows)) events)",
                        Quantity(value: Double(rows) / time.wall, unit: "ev/s"), limit: limit, limitName: limitName, target: Self.target,
                        note: "\(why), so the events signed offline are appended in this process: one Ledger.append, one write + fsync; no process start; "
                            + String(format: "%.2f s wall, %.2f s process CPU", time.wall, time.cpu)), nil)
    }

    /// A visits CSV (docs/IMPORT.md) of `count` new visits from the ledger's record org to its partner.
    static func visitsCSV(_ count: Int, ledger: LedgerGenerator.Result) -> String {
        let run = String(UInt32.random(in: 0...UInt32.max), radix: 36)
        var text = "partnership,visit,from,to,start,end,mode,travellers,purpose,needsIdentifiedBy,briefedBeforeDeparture\n"
        for n in 0..<count {
            let day = 1 + n % 28
            text += "\(ledger.recordPartnership),import-\(run)-\(n),\(ledger.recordFrom),\(ledger.recordTo),"
            text += String(format: "2026-02-%02d,2026-02-%02d,", day, min(day + 3, 28))
            text += n % 4 == 3 ? "hybrid," : "in-person,"
            text += "p-imp-\(n):nurse:senior;p-imp-\(n + 1):doctor:mid,"
            text += "\"Emergency triage training, cohort \(n)\",host,\(n % 6 == 5 ? "no" : "yes")\n"
        }
        return text
    }

    static func logBytes(_ directory: URL) throws -> Int {
        let attributes = try FileManager.default.attributesOfItem(atPath: directory.appendingPathComponent("events.jsonl").path)
        return (attributes[.size] as? NSNumber)?.intValue ?? 0
    }
}
