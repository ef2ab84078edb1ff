import Foundation
import MutualLedger
import PartnershipEvents

/// The incremental rows (issue 6), on one copy of the ledger, in this order: `mutual audit --state F`
/// (first run, which creates F: its peak memory), `mutual verify --since-watermark` and
/// `mutual report reciprocity` (which leave their watermark and snapshot), then 1,000 events appended,
/// then `verify --since-watermark` and `audit --state F` timed over those 1,000 new events; then one
/// event appended before each timed `report reciprocity`. A flag this `mutual` does not have
/// (exit 64) gives an "n/a" row, and a command that fails a "FAIL" row saying how, instead of
/// stopping the benchmark.
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

    /// Whether a command can be timed after its first run: yes, no (exit 64), or it failed (why).
    private enum Readiness {
        case ready
        case unsupported(String)
        case failed(String)
    }

    private var sizeLabel: String { "\(Quantity.grouped(size)) events" }
    private static let within = Target(kind: .atMost, threshold: 0.5, on: "value")

    func rows(ledger: LedgerGenerator.Result) throws -> [BenchRow] {
        var source = ledger
        let copy = try LedgerCopy.make(of: ledger.directory, named: "incremental", in: work)
        defer { LedgerCopy.remove(copy) }
        let appender = Ledger(directory: LedgerDirectory(copy), rules: PartnershipRules())
        // The auditor's state file and the tables beside it, in a folder of their own, new for each size.
        let auditor = work.appendingPathComponent("auditor-\(size)")
        try? FileManager.default.removeItem(at: auditor)
        try FileManager.default.createDirectory(at: auditor, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: auditor) }
        let state = auditor.appendingPathComponent("auditor-state.json")
        var rows: [BenchRow] = []

        log("incremental rows: first audit, watermark and report snapshot on a copy of the ledger")
        let audit = try firstAudit(state: state, copy: copy, rows: &rows)
        let watermark = try firstWatermark(copy: copy)
        let reportFirst = try run(["report", "reciprocity", "--ledger", copy.path])
        var report: Readiness = reportFirst.exitCode == 0 ? .ready : .failed(Self.failure(reportFirst))

        log("appending \(newEvents) events to the copy")
        _ = try appender.append(try source.signMore(newEvents))
        let newLabel = "\(Quantity.grouped(newEvents)) new events"
        rows.append(try timed("verify --since-watermark, \(newLabel)", watermark, ["verify", "--since-watermark", "--ledger", copy.path],
                              note: "mutual verify process after the watermark run and \(newEvents) appended events"))
        rows.append(try timed("audit --state, \(newLabel)", audit, ["audit", "--state", state.path, "--ledger", copy.path],
                              note: "second mutual audit process, the state file from the first"))

        let name = "report reciprocity after 1 new event"
        let fast = Target(kind: .atMost, threshold: 100, on: "value")
        if case .ready = report {
            log("timing `mutual report reciprocity` after appending one event (\(reportRuns) runs)")
            let catchUp = try run(["report", "reciprocity", "--ledger", copy.path])   // takes in the 1,000
            if catchUp.exitCode != 0 { report = .failed(Self.failure(catchUp)) }
        }
        guard case .ready = report else {
            if case .failed(let why) = report { rows.append(.failed(name, unit: "ms", target: fast, note: why)) }
            return rows
        }
        var times: [Double] = []
        var cpu: [Double] = []
        for _ in 0..<reportRuns {
            _ = try appender.append(try source.signMore(1))
            let outcome = try run(["report", "reciprocity", "--ledger", copy.path])
            guard outcome.exitCode == 0 else {
                rows.append(.failed(name, unit: "ms", target: fast, note: Self.failure(outcome)))
                return rows
            }
            times.append(outcome.seconds)
            cpu.append(outcome.cpuSeconds)
        }
        rows.append(BenchRow(name, Quantity(value: Timing.median(times) * 1000, unit: "ms"), target: fast,
                             note: String(format: "median of %d mutual report processes, each after appending one event to a ledger it has reported on; includes process start; %.0f ms CPU (median)",
                                          reportRuns, Timing.median(cpu) * 1000)))
        return rows
    }

    /// The first `mutual audit --state F` (the whole ledger): its time and peak memory rows.
    private func firstAudit(state: URL, copy: URL, rows: inout [BenchRow]) throws -> Readiness {
        let first = try run(["audit", "--state", state.path, "--ledger", copy.path])
        let memory = "audit peak memory (max RSS), \(sizeLabel)"
        let below = Target(kind: .below, threshold: 64, on: "value")
        switch first.exitCode {
        case 0:
            rows.append(BenchRow("audit, first run (mutual audit --state)", Quantity(value: first.seconds, unit: "s"),
                                 note: String(format: "the whole ledger, creating the state file; includes process start; %.2f s CPU", first.cpuSeconds)))
            rows.append(BenchRow(memory, Quantity(value: Double(first.maxRSSBytes) / 1e6, unit: "MB"), target: below,
                                 note: "ru_maxrss of the first mutual audit child"))
            return .ready
        case 64:
            rows.append(.unsupported(memory, unit: "MB", target: below, note: "this mutual has no `audit --state` (exit 64)"))
            return .unsupported("this mutual has no `audit --state` (exit 64)")
        default:
            rows.append(.failed(memory, unit: "MB", target: below, note: "first audit: " + Self.failure(first)))
            return .failed("first audit: " + Self.failure(first))
        }
    }

    /// The first `mutual verify --since-watermark`, which leaves the watermark (after a full
    /// `mutual verify` if it refuses to run without one).
    private func firstWatermark(copy: URL) throws -> Readiness {
        let first = try run(["verify", "--since-watermark", "--ledger", copy.path])
        if first.exitCode == 0 { return .ready }
        if first.exitCode == 64 { return .unsupported("this mutual has no `verify --since-watermark` (exit 64)") }
        let full = try run(["verify", "--ledger", copy.path])
        guard full.exitCode == 0 else { return .failed("mutual verify: " + Self.failure(full)) }
        let again = try run(["verify", "--since-watermark", "--ledger", copy.path])
        return again.exitCode == 0 ? .ready : .failed("first verify --since-watermark: " + Self.failure(again))
    }

    /// Times one run of a command whose first run succeeded; an "n/a" or "FAIL" row otherwise.
    private func timed(_ name: String, _ readiness: Readiness, _ arguments: [String], note: String) throws -> BenchRow {
        switch readiness {
        case .unsupported(let why): return .unsupported(name, unit: "s", target: Self.within, note: why)
        case .failed(let why): return .failed(name, unit: "s", target: Self.within, note: why)
        case .ready:
            let outcome = try run(arguments)
            guard outcome.exitCode == 0 else { return .failed(name, unit: "s", target: Self.within, note: Self.failure(outcome)) }
            return BenchRow(name, Quantity(value: outcome.seconds, unit: "s"), target: Self.within,
                            note: note + String(format: "; includes process start; %.3f s CPU; %.1f MB peak",
                                                outcome.cpuSeconds, Double(outcome.maxRSSBytes) / 1e6))
        }
    }

    private func run(_ arguments: [String]) throws -> ChildProcess.Outcome {
        try ChildProcess.run(mutual, arguments, scratch: work)
    }

    private static func failure(_ outcome: ChildProcess.Outcome) -> String {
        "exited \(outcome.exitCode): \(outcome.stderr.prefix(200))"
    }
}
