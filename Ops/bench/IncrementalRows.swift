import Foundation
import MutualLedger
import PartnershipEvents

/// The incremental rows (issue 6), on one copy of the ledger, in this order: `mutual audit --state F`
/// (first run, which creates F: its peak memory), `mutual verify --since-watermark` and
/// `mutual report reciprocity` (which leave their watermark and snapshot), then 1,000 events appended,
/// then `verify --since-watermark` and `audit --state F` timed over those 1,000 new events; then one
/// event appended before each timed `report reciprocity`. A flag this `mutual` does not have
/// (exit 64) gives an "n/a" row instead of stopping the benchmark.
///
/// ```swift
/// let rows = try IncrementalRows(mutual: mutual, work: work, size: 100_000, reportRuns: 5).rows(ledger: generated)
/// ```
struct IncrementalRows {
    var mutual: String
    var work: URL
    var size: Int
    /// Timed `report` runs, each after appending one event (the median is reported).
    var reportRuns: Int
    /// Events appended before the timed `verify --since-watermark` and `audit`.
    var newEvents = 1_000

    private var sizeLabel: String { "\(Quantity.grouped(size)) events" }

    func rows(ledger: LedgerGenerator.Result) throws -> [BenchRow] {
        var source = ledger
        let copy = try LedgerCopy.make(of: ledger.directory, named: "incremental", in: work)
        defer { LedgerCopy.remove(copy) }
        let appender = Ledger(directory: LedgerDirectory(copy), rules: PartnershipRules())
        let state = work.appendingPathComponent("auditor-state.json")
        defer { Self.removeState(state) }
        Self.removeState(state)
        var rows: [BenchRow] = []

        log("incremental rows: first audit, watermark and report snapshot on a copy of the ledger")
        let firstAudit = try run(["audit", "--state", state.path, "--ledger", copy.path])
        let auditSupported = firstAudit.exitCode != 64
        if auditSupported {
            try check(firstAudit, "mutual audit --state (first run)")
            rows.append(BenchRow("audit, first run (mutual audit --state)", Quantity(value: firstAudit.seconds, unit: "s"),
                                 note: String(format: "the whole ledger, creating the state file; includes process start; %.2f s CPU", firstAudit.cpuSeconds)))
            rows.append(BenchRow("audit peak memory (max RSS), \(sizeLabel)", Quantity(value: Double(firstAudit.maxRSSBytes) / 1e6, unit: "MB"),
                                 target: Target(kind: .below, threshold: 64, on: "value"), note: "ru_maxrss of the first mutual audit child"))
        }
        var watermarkSupported = true
        let firstWatermark = try run(["verify", "--since-watermark", "--ledger", copy.path])
        if firstWatermark.exitCode == 64 {
            watermarkSupported = false
        } else if firstWatermark.exitCode != 0 {
            // Perhaps the watermark must come from a full verify first.
            try check(try run(["verify", "--ledger", copy.path]), "mutual verify")
            try check(try run(["verify", "--since-watermark", "--ledger", copy.path]), "mutual verify --since-watermark")
        }
        try check(try run(["report", "reciprocity", "--ledger", copy.path]), "mutual report reciprocity")

        log("appending \(newEvents) events to the copy")
        let added = try source.signMore(newEvents)
        _ = try appender.append(added)
        let newLabel = "\(Quantity.grouped(newEvents)) new events"
        let within = Target(kind: .atMost, threshold: 0.5, on: "value")
        if watermarkSupported {
            let since = try run(["verify", "--since-watermark", "--ledger", copy.path])
            try check(since, "mutual verify --since-watermark")
            rows.append(BenchRow("verify --since-watermark, \(newLabel)", Quantity(value: since.seconds, unit: "s"), target: within,
                                 note: String(format: "mutual verify process after the watermark run and %d appended events; includes process start; %.3f s CPU; %.1f MB peak",
                                              newEvents, since.cpuSeconds, Double(since.maxRSSBytes) / 1e6)))
        } else {
            rows.append(.unsupported("verify --since-watermark, \(newLabel)", unit: "s", target: within,
                                     note: "this mutual has no `verify --since-watermark` (exit 64)"))
        }
        if auditSupported {
            let audit = try run(["audit", "--state", state.path, "--ledger", copy.path])
            try check(audit, "mutual audit --state")
            rows.append(BenchRow("audit --state, \(newLabel)", Quantity(value: audit.seconds, unit: "s"), target: within,
                                 note: String(format: "second mutual audit process, the state file from the first; includes process start; %.3f s CPU; %.1f MB peak",
                                              audit.cpuSeconds, Double(audit.maxRSSBytes) / 1e6)))
        } else {
            rows.append(.unsupported("audit --state, \(newLabel)", unit: "s", target: within, note: "this mutual has no `audit --state` (exit 64)"))
        }

        log("timing `mutual report reciprocity` after appending one event (\(reportRuns) runs)")
        try check(try run(["report", "reciprocity", "--ledger", copy.path]), "mutual report reciprocity")   // catches up the 1,000
        var times: [Double] = []
        var cpu: [Double] = []
        for _ in 0..<reportRuns {
            _ = try appender.append(try source.signMore(1))
            let report = try run(["report", "reciprocity", "--ledger", copy.path])
            try check(report, "mutual report reciprocity")
            times.append(report.seconds)
            cpu.append(report.cpuSeconds)
        }
        rows.append(BenchRow("report reciprocity after 1 new event", Quantity(value: Timing.median(times) * 1000, unit: "ms"),
                             target: Target(kind: .atMost, threshold: 100, on: "value"),
                             note: String(format: "median of %d mutual report processes, each after appending one event to a ledger it has reported on; includes process start; %.0f ms CPU (median)",
                                          reportRuns, Timing.median(cpu) * 1000)))
        return rows
    }

    private func run(_ arguments: [String]) throws -> ChildProcess.Outcome {
        try ChildProcess.run(mutual, arguments, scratch: work)
    }

    private func check(_ outcome: ChildProcess.Outcome, _ what: String) throws {
        guard outcome.exitCode == 0 else { throw BenchError("\(what) on the copy of the ledger exited \(outcome.exitCode): \(outcome.stderr)") }
    }

    /// The auditor's state file and its companion `FILE.ids`.
    static func removeState(_ state: URL) {
        try? FileManager.default.removeItem(at: state)
        try? FileManager.default.removeItem(at: URL(fileURLWithPath: state.path + ".ids"))
    }
}
