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

/// Verifies a ledger in this process with `jobs` signature threads, returning wall and CPU seconds
/// (of the thread for one job, of the whole process for more);
/// throws if it is not valid (the benchmark would be meaningless).
func verifySeconds(_ directory: URL, events: Int, jobs: Int) throws -> (wall: Double, cpu: Double) {
    var report: VerificationReport?
    let run = {
        report = try Ledger(directory: LedgerDirectory(directory), rules: PartnershipRules()).verify(jobs: jobs)
    }
    let seconds = jobs > 1 ? try Timing.measureProcess(run) : try Timing.measure(run)
    guard let report, report.isValid, report.verified == events else {
        throw BenchError("the generated ledger did not verify: \(report?.failure?.description ?? "no report")")
    }
    return seconds
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

/// The verify (in process, child, Python baseline) and report rows of one ledger.
func measureVerifyAndReports(_ options: BenchOptions, size: Int, ledger: LedgerGenerator.Result, probe: Ed25519Probe, cores: Int,
                             rawVerify: Quantity, mutual: String?, work: URL, rows: inout [BenchRow]) throws {
    log("verifying in process (1 thread, then \(cores) signature threads), between two raw verify measurements")
    let runs = size <= 20_000 ? 3 : 1
    let before = probe.verifyRate(seconds: options.rawSeconds / 2)
    let sequential = try (0..<runs).map { _ in try verifySeconds(ledger.directory, events: size, jobs: 1) }
    let parallel = try (0..<runs).map { _ in try verifySeconds(ledger.directory, events: size, jobs: cores) }
    let after = probe.verifyRate(seconds: options.rawSeconds / 2)
    let adjacent = (before.wall + after.wall) / 2
    let wall = Timing.median(sequential.map(\.wall))
    let cpu = Timing.median(sequential.map(\.cpu))
    let parallelWall = Timing.median(parallel.map(\.wall))
    let how = runs > 1 ? "median of \(runs) runs" : String(format: "one run, %.1f s wall, %.1f s CPU", wall, cpu)
    rows.append(BenchRow("verify, \(cores) threads (Ledger.verify)", Quantity(value: Double(size) / parallelWall, unit: "ev/s"),
                         limit: Quantity(value: adjacent * Double(cores), unit: "/s"), limitName: "\(cores) x raw verify, adjacent",
                         target: Target(kind: .atLeast, threshold: 0.85, on: "ratio"),
                         note: "\(runs > 1 ? "median of \(runs) runs" : String(format: "one run, %.1f s wall", parallelWall)); signatures on \(cores) worker threads"))
    let parallelCPU = Timing.median(parallel.map(\.cpu))
    rows.append(BenchRow("verify, \(cores) threads, per process CPU-s", Quantity(value: Double(size) / parallelCPU, unit: "ev/s"),
                         limit: Quantity(value: (before.cpu + after.cpu) / 2, unit: "/s"), limitName: "raw verify, adjacent",
                         note: String(format: "efficiency of the parallel pass; it got %.2f cores on average", parallelCPU / parallelWall)))
    rows.append(BenchRow("verify, 1 thread (Ledger.verify)", Quantity(value: Double(size) / wall, unit: "ev/s"),
                         limit: Quantity(value: adjacent, unit: "/s"), limitName: "raw verify, adjacent",
                         target: Target(kind: .atLeast, threshold: 0.8, on: "ratio"),
                         note: "\(how); raw limit re-measured just before and after (mean)"))
    rows.append(BenchRow("verify, 1 thread, per CPU-s", Quantity(value: Double(size) / cpu, unit: "ev/s"),
                         limit: Quantity(value: (before.cpu + after.cpu) / 2, unit: "/s"), limitName: "raw verify, adjacent",
                         target: Target(kind: .atLeast, threshold: 0.8, on: "ratio"),
                         note: "thread CPU time: the fair ratio when other processes share the cores"))

    log("verifying in a child process for peak memory")
    let child = mutual.map { ($0, ["verify", "--ledger", ledger.directory.path]) }
        ?? (ChildProcess.currentExecutable(), ["--verify-only", ledger.directory.path])
    let outcome = try ChildProcess.runChecked(child.0, child.1, scratch: work)
    let childName = mutual == nil ? "mutual-bench --verify-only" : "mutual verify"
    rows.append(BenchRow("verify (\(childName) process)", Quantity(value: Double(size) / outcome.seconds, unit: "ev/s"),
                         limit: Quantity(value: rawVerify.value * Double(cores), unit: "/s"), limitName: "\(cores) x raw verify",
                         target: Target(kind: .atLeast, threshold: 0.85, on: "ratio"), note: "includes process start; all cores"))
    rows.append(BenchRow("verify peak memory (max RSS)", Quantity(value: Double(outcome.maxRSSBytes) / 1e6, unit: "MB"),
                         target: Target(kind: .below, threshold: 64, on: "value"), note: "ru_maxrss of the \(childName) child, 1 MB = 10^6 bytes"))

    if options.python != "none", FileManager.default.fileExists(atPath: options.peerScript) {
        log("verifying with the Python baseline (\(options.peerScript))")
        let python = try ChildProcess.run("/usr/bin/env", [options.python, options.peerScript, ledger.directory.path], scratch: work)
        if python.exitCode == 0 {
            let rate = Double(size) / python.seconds
            rows.append(BenchRow("verify, Python baseline process", Quantity(value: rate, unit: "ev/s"),
                                 note: "Ops/peers/verify.py (cryptography/OpenSSL, one thread; checks less: no rules, no tree)"))
            rows.append(BenchRow("\(childName) vs Python baseline", Quantity(value: Double(size) / outcome.seconds, unit: "ev/s"),
                                 limit: Quantity(value: rate, unit: "ev/s"), limitName: "Python baseline",
                                 target: Target(kind: .atLeast, threshold: 3, on: "ratio"), note: "both as processes, same ledger"))
        } else {
            log("the Python baseline failed (exit \(python.exitCode)); pip install cryptography? skipping its rows")
        }
    }
    if let mutual {
        log("timing `mutual report reciprocity` (projection rebuild from the log)")
        let report = try ChildProcess.runChecked(mutual, ["report", "reciprocity", "--ledger", ledger.directory.path], scratch: work)
        rows.append(BenchRow("report reciprocity (mutual process)", Quantity(value: Double(size) / report.seconds, unit: "ev/s"),
                             target: Target(kind: .atLeast, threshold: 200_000, on: "value"),
                             note: "rebuilds the projection from the whole log; includes process start"))
        rows.append(BenchRow("report peak memory (max RSS)", Quantity(value: Double(report.maxRSSBytes) / 1e6, unit: "MB"),
                             target: Target(kind: .below, threshold: 64, on: "value"), note: "ru_maxrss of the report child"))
    }
}

func runBenchmark(_ options: BenchOptions) throws -> BenchReport {
    let mutual = findMutual(options)
    if mutual == nil {
        log("no `mutual` binary found (pass --record-binary); skipping `mutual record` rows and measuring verify memory by re-running this bench")
    }
    log("measuring raw Ed25519 verify/sign and SHA-256 rates (\(options.rawSeconds) s each)")
    let probe = try Ed25519Probe()
    let raw = RawRates.measure(seconds: options.rawSeconds, probe: probe)
    let rawVerify = Quantity(value: raw.verify.wall, unit: "/s")
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
        var rows: [BenchRow] = [
            BenchRow("raw Ed25519 verify, 1 core", rawVerify),
            BenchRow("raw Ed25519 sign, 1 core", Quantity(value: raw.sign.wall, unit: "/s")),
            BenchRow("raw SHA-256, 1 MiB blocks", Quantity(value: raw.sha256MB.wall, unit: "MB/s")),
            BenchRow("sign events (Ledger.sign)", Quantity(value: appended / ledger.signSeconds, unit: "ev/s"),
                     limit: Quantity(value: raw.sign.wall, unit: "/s"), limitName: "raw sign",
                     note: String(format: "bodies average %.0f canonical bytes", ledger.bodyBytesMean)),
            BenchRow("bulk append (Ledger.append)", Quantity(value: appended / ledger.appendSeconds, unit: "ev/s"),
                     limit: rawVerify, limitName: "raw verify",
                     note: "batches of \(options.batch), one write + fsync each; every signature is checked, so raw verify is its limit"),
        ]

        if !options.recordOnly {
            try measureVerifyAndReports(options, size: size, ledger: ledger, probe: probe, cores: cores, rawVerify: rawVerify,
                                        mutual: mutual, work: work, rows: &rows)
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
        tables.append(BenchTable(events: size, rows: rows))
        if !options.keep { try? FileManager.default.removeItem(at: ledger.directory) }
    }
    return BenchReport(machine: BenchReport.machine(), raw: raw, tables: tables)
}

do {
    let options = try BenchOptions.parse(Array(CommandLine.arguments.dropFirst()))
    if options.help {
        print(BenchOptions.usage)
        exit(0)
    }
    if let directory = options.verifyOnly { exit(verifyOnly(directory)) }
    let report = try runBenchmark(options)
    print(options.json ? try report.jsonText() : report.tableText(), terminator: options.json ? "\n" : "")
} catch {
    log("\(error)")
    exit(2)
}
