import Foundation
import MutualLedger
import PartnershipEvents

// mutual-bench: measures Mutual against the raw limits of the machine it runs on.
// See docs/PERFORMANCE.md for what each row means and how to reproduce the published table.

func log(_ text: String) {
    FileHandle.standardError.write(Data("bench: \(text)\n".utf8))
}

/// `--verify-only DIR`: the child process whose peak memory is measured when `mutual` is not available.
func verifyOnly(_ path: String) -> Int32 {
    do {
        let report = try Ledger(directory: LedgerDirectory(URL(fileURLWithPath: path)), rules: PartnershipRules()).verify()
        if let failure = report.failure { log("invalid: \(failure)") }
        return report.isValid ? 0 : 1
    } catch {
        log("\(error)")
        return 74
    }
}

/// The `mutual` binary to time: `--record-binary`, else `mutual` beside this executable.
func findMutual(_ options: BenchOptions) -> String? {
    let candidate = options.recordBinary
        ?? URL(fileURLWithPath: ChildProcess.currentExecutable()).deletingLastPathComponent().appendingPathComponent("mutual").path
    return FileManager.default.isExecutableFile(atPath: candidate) ? candidate : nil
}

/// Median wall time of `mutual record --type visit.recorded` on the small and the large ledger,
/// run alternately so drift hits both. Each run records a new visit (a fresh visit id).
func recordTimes(mutual: String, small: LedgerGenerator.Result, large: LedgerGenerator.Result,
                 runs: Int, work: URL) throws -> (small: Double, large: Double) {
    let body = work.appendingPathComponent("record-body.json")
    var visits = 0
    let run = String(UInt32.random(in: 0...UInt32.max), radix: 36)   // the small ledger is reused for every size
    func once(_ ledger: LedgerGenerator.Result) throws -> Double {
        visits += 1
        let visit: JSONValue = .object([
            "visit": .string("bench-record-\(run)-\(visits)"), "from": .string(ledger.recordFrom), "to": .string(ledger.recordTo),
            "start": "2026-03-02", "end": "2026-03-06", "mode": "in-person",
            "travellers": [.object(["person": "p-bench-1", "cadre": "nurse", "seniority": "senior"])],
            "purpose": "Neonatal resuscitation training", "needsIdentifiedBy": "host", "briefedBeforeDeparture": true,
        ])
        try Data(visit.canonicalBytes).write(to: body)
        return try ChildProcess.runChecked(mutual, ["record", "--ledger", ledger.directory.path, "--type", "visit.recorded",
                                                    "--partnership", ledger.recordPartnership, "--occurred", "2026-03-02",
                                                    "--body", body.path, "--key", ledger.recordKey.path], scratch: work).seconds
    }
    _ = try once(small)   // warm-up: page cache, snapshot cache
    _ = try once(large)
    var smallTimes: [Double] = []
    var largeTimes: [Double] = []
    for _ in 0..<runs {
        smallTimes.append(try once(small))
        largeTimes.append(try once(large))
    }
    return (Timing.median(smallTimes), Timing.median(largeTimes))
}

func runBenchmark(_ options: BenchOptions) throws -> BenchReport {
    let mutual = findMutual(options)
    if mutual == nil {
        log("no `mutual` binary found (pass --record-binary); skipping `mutual record` rows and measuring verify memory by re-running this bench")
    }
    let machine = BenchReport.Machine.current()
    let probe = try Ed25519Probe()
    let cores = ProcessInfo.processInfo.activeProcessorCount

    let work = FileManager.default.temporaryDirectory.appendingPathComponent("mutual-bench-\(getpid())")
    try FileManager.default.createDirectory(at: work, withIntermediateDirectories: true)
    defer {
        if options.keep { log("ledgers kept in \(work.path)") } else { try? FileManager.default.removeItem(at: work) }
    }
    let generator = LedgerGenerator(batch: options.batch)
    let baseline = mutual == nil ? nil : try generator.generate(events: 100, in: work.appendingPathComponent("ledger-100"))

    var tables: [BenchTable] = []
    for size in options.sizes {
        log("generating \(size) events (batches of \(options.batch))")
        let ledger = try generator.generate(events: size, in: work.appendingPathComponent("ledger-\(size)"))
        let appended = Double(ledger.appended)
        log("measuring raw Ed25519 verify/sign and SHA-256 rates (\(options.rawSeconds) s each)")
        let raw = RawRates.measure(seconds: options.rawSeconds, probe: probe)
        let rawVerify = Quantity(value: raw.verify.wall, unit: "/s")
        var rows: [BenchRow] = [
            BenchRow("raw Ed25519 verify, 1 core", rawVerify),
            BenchRow("raw Ed25519 sign, 1 core", Quantity(value: raw.sign.wall, unit: "/s")),
            BenchRow("raw SHA-256, 1 MiB blocks", Quantity(value: raw.sha256MB.wall, unit: "MB/s")),
            BenchRow("sign events (Ledger.sign)", Quantity(value: appended / ledger.signSeconds, unit: "ev/s"),
                     limit: Quantity(value: raw.sign.wall, unit: "/s"), limitName: "raw sign",
                     note: String(format: "bodies average %.0f canonical bytes", ledger.bodyBytesMean)),
            BenchRow("bulk append (Ledger.append)", Quantity(value: appended / ledger.appendSeconds, unit: "ev/s"),
                     limit: Quantity(value: rawVerify.value * Double(cores), unit: "/s"), limitName: "\(cores) x raw verify",
                     target: BulkAppendRows.target,
                     note: "in process while generating, batches of \(options.batch), one write + fsync each; every signature is checked (on all cores), so cores x raw verify is its limit"),
        ]

        if !options.recordOnly {
            log("micro-benchmarks of the hot paths")
            rows += try MicroBenchmarks(seconds: options.microSeconds, probe: probe).rows(ledger: ledger)
            try measureVerifyAndReports(options, size: size, ledger: ledger, probe: probe, cores: cores,
                                        mutual: mutual, work: work, rows: &rows)
            if let mutual {
                let appendRows = options.appendRows ?? min(size, BulkAppendRows.defaultMaximum)
                log("bulk import and submit of \(appendRows) events, each on a copy of the ledger")
                let adjacent = probe.verifyRate(seconds: options.rawSeconds / 2).wall
                let adjacentSign = probe.signRate(seconds: options.rawSeconds / 2).wall
                rows += try BulkAppendRows(mutual: mutual, work: work, rows: appendRows, cores: cores, rawVerify: adjacent,
                                           rawSign: adjacentSign)
                    .rows(ledger: ledger)
                rows += try IncrementalRows(mutual: mutual, work: work, size: size, reportRuns: options.reportRuns).rows(ledger: ledger)
            }
        }
        if let mutual, let baseline {
            log("timing `mutual record` (\(options.recordRuns) runs each on 100 and \(size) events)")
            let times = try recordTimes(mutual: mutual, small: baseline, large: ledger, runs: options.recordRuns, work: work)
            rows.append(BenchRow("mutual record, 100-event ledger", Quantity(value: times.small * 1000, unit: "ms"),
                                 note: "median of \(options.recordRuns) processes"))
            rows.append(BenchRow("mutual record, \(Quantity.grouped(size))-event ledger", Quantity(value: times.large * 1000, unit: "ms"),
                                 limit: Quantity(value: times.small * 1000, unit: "ms"), limitName: "100 events",
                                 target: Target(kind: .atMost, threshold: 1.2, on: "ratio"),
                                 note: "median of \(options.recordRuns) processes, alternated with the 100-event runs"))
        }
        tables.append(BenchTable(events: size, raw: raw, rows: rows))
        if !options.keep { try? FileManager.default.removeItem(at: ledger.directory) }
    }
    var machineNow = machine
    machineNow.loadAverageEnd = BenchReport.Machine.loadAverage()
    return BenchReport(machine: machineNow, tables: tables, arguments: Array(CommandLine.arguments.dropFirst()))
}

do {
    let options = try BenchOptions.parse(Array(CommandLine.arguments.dropFirst()))
    if options.help {
        print(BenchOptions.usage)
        exit(0)
    }
    if let directory = options.verifyOnly { exit(verifyOnly(directory)) }
    let report = try runBenchmark(options)
    if let path = options.jsonOut { try Data((try report.jsonText() + "\n").utf8).write(to: URL(fileURLWithPath: path)) }
    print(options.json ? try report.jsonText() : report.tableText(), terminator: options.json ? "\n" : "")
} catch {
    log("\(error)")
    exit(2)
}
