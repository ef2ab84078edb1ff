import Foundation

/// An error that stops the benchmark, with a message that says what to do.
struct BenchError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}

/// The command line of `mutual-bench`, parsed by hand (no dependency beyond the library).
struct BenchOptions {
    /// Ledger sizes to benchmark, one table each.
    var sizes: [Int] = [100_000]
    /// Events per `Ledger.append` call while generating.
    var batch = 1_000
    /// Timed runs of `mutual record` per ledger (the median is reported).
    var recordRuns = 7
    /// Seconds spent on each raw crypto rate.
    var rawSeconds = 2.0
    /// Events per `mutual import` and per bulk submit; nil: the ledger's size, at most 100,000
    /// (the import also takes at most `CSVTable.maxRows`).
    var appendRows: Int?
    /// Timed `mutual report` runs after appending one event (the median is reported).
    var reportRuns = 5
    /// Seconds spent on each micro-benchmark (median of three slices).
    var microSeconds = 1.0
    var json = false
    /// `--json-out PATH`: also write the JSON to PATH (the table still goes to standard output).
    var jsonOut: String?
    var keep = false
    var recordBinary: String?
    /// The Python baseline verifier and the interpreter that runs it ("none" to skip).
    var peerScript = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("peers/verify.py").path
    var python = "python3"
    /// Only generate and time `mutual record` (no verify, baseline or report rows).
    var recordOnly = false
    /// `--verify-only DIR`: verify one ledger and exit (the child process whose peak memory is measured).
    var verifyOnly: String?
    var help = false

    static let usage = """
        usage: mutual-bench [--events N[,N...]] [--batch N] [--record-runs N] [--raw-seconds S] [--micro-seconds S]
                            [--append-rows N] [--report-runs N]
                            [--record-binary PATH] [--python PATH] [--peer-script PATH] [--record-only] [--json] [--json-out PATH] [--keep]
               mutual-bench --verify-only DIR

          --events N[,N...]     ledger sizes, one table each (default 100000; 1_000_000 style allowed)
          --batch N             events per Ledger.append call while generating (default 1000)
          --record-runs N       timed `mutual record` runs per ledger; the median is reported (default 7)
          --raw-seconds S       seconds for each raw crypto rate (default 2)
          --micro-seconds S     seconds for each micro-benchmark of a hot path (default 1)
          --append-rows N       events per `mutual import` and per bulk submit, each on a copy of the ledger
                                (default: the ledger's size, at most 100000; the import takes at most its row limit)
          --report-runs N       timed `mutual report` runs, each after appending one event (default 5)
          --record-binary PATH  the release `mutual` binary (default: `mutual` beside this executable)
          --json                print JSON instead of the table
          --json-out PATH       also write the JSON to PATH, and print the table
          --keep                keep the generated ledgers (their folder is printed on stderr)
          --record-only         only generate the ledgers and time `mutual record` (and bulk append in process)
          --python PATH         interpreter for the Python baseline (default python3; "none" skips it)
          --peer-script PATH    the Python baseline verifier (default Ops/peers/verify.py of the source tree)
          --verify-only DIR     verify the ledger in DIR and exit 0 if valid, 1 if not
        """

    static func parse(_ arguments: [String]) throws -> BenchOptions {
        var options = BenchOptions()
        var rest = arguments[...]
        func value(_ flag: String) throws -> String {
            guard let next = rest.popFirst() else { throw BenchError("\(flag) needs a value\n\(usage)") }
            return next
        }
        func count(_ flag: String, _ text: String, minimum: Int) throws -> Int {
            guard let number = Int(text.replacingOccurrences(of: "_", with: "")), number >= minimum else {
                throw BenchError("\(flag) \(text) is not a whole number of at least \(minimum)")
            }
            return number
        }
        while let argument = rest.popFirst() {
            switch argument {
            case "--events":
                let text = try value(argument)
                options.sizes = try text.split(separator: ",").map { try count(argument, String($0), minimum: 10) }
                guard !options.sizes.isEmpty else { throw BenchError("--events needs at least one size") }
            case "--batch": options.batch = try count(argument, try value(argument), minimum: 1)
            case "--record-runs": options.recordRuns = try count(argument, try value(argument), minimum: 1)
            case "--raw-seconds":
                let text = try value(argument)
                guard let seconds = Double(text), seconds > 0 else { throw BenchError("--raw-seconds \(text) is not a positive number") }
                options.rawSeconds = seconds
            case "--append-rows": options.appendRows = try count(argument, try value(argument), minimum: 1)
            case "--report-runs": options.reportRuns = try count(argument, try value(argument), minimum: 1)
            case "--micro-seconds":
                let text = try value(argument)
                guard let seconds = Double(text), seconds > 0 else { throw BenchError("--micro-seconds \(text) is not a positive number") }
                options.microSeconds = seconds
            case "--record-binary": options.recordBinary = try value(argument)
            case "--verify-only": options.verifyOnly = try value(argument)
            case "--json": options.json = true
            case "--json-out": options.jsonOut = try value(argument)
            case "--keep": options.keep = true
            case "--python": options.python = try value(argument)
            case "--record-only": options.recordOnly = true
            case "--peer-script": options.peerScript = try value(argument)
            case "-h", "--help": options.help = true
            default: throw BenchError("unknown argument \(argument)\n\(usage)")
            }
        }
        return options
    }
}
