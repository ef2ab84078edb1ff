import ArgumentParser
import Foundation
import MutualLedger

/// `mutual submit FILE... [--batch FILE.jsonl]...`: append events signed offline with `mutual sign`.
struct Submit: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Validate, authorise and append events signed offline (idempotent).",
        discussion: """
        All events are checked against the ledger as it stands now and appended as one batch (one fsync), or none is.
        An event already in the ledger is reported as `already recorded at seq N` (exit 0); a different event
        reusing an id is refused. --batch reads many signed events, one per line (`-` for standard input).
        """)

    /// The largest `--batch` input.
    static let batchLimit = 512 << 20

    @OptionGroup var ledger: LedgerOptions

    @Option(name: .customLong("batch"), help: ArgumentHelp("A file of signed events, one per line as `mutual sign` writes them (`-`: standard input).", valueName: "file"))
    var batches: [String] = []

    @Argument(help: ArgumentHelp("Signed event files written by `mutual sign`.", valueName: "file"))
    var files: [String] = []

    func validate() throws {
        guard !files.isEmpty || !batches.isEmpty else { throw ValidationError("give at least one signed event file, or --batch FILE") }
        guard batches.filter({ $0 == "-" }).count + files.filter({ $0 == "-" }).count <= 1 else {
            throw ValidationError("standard input (-) can be read only once")
        }
    }

    func run() throws {
        try reportingErrors { () throws(LedgerError) in
            // Where each event came from, for the report: "FILE" or "FILE line N".
            var sources: [String] = []
            var events: [EncodedEvent] = []
            for file in files {
                do throws(LedgerError) {
                    events.append(EncodedEvent(try SignedEvent(fileBytes: try Output.readInput(file, what: "signed event"))))
                    sources.append(file)
                } catch {
                    // A malformed file is bad input (65), whatever layer noticed it.
                    throw LedgerError(.validation, "\(file): \(error.message)")
                }
            }
            for batch in batches {
                let name = batch == "-" ? "standard input" : batch
                do throws(LedgerError) {
                    let lines = try EncodedEvent.parseLines(try BulkInput.load(batch, limit: Self.batchLimit, what: "batch"))
                    guard !lines.isEmpty else {
                        throw LedgerError(.validation, "holds no signed events; give one `mutual sign` output per line")
                    }
                    for (line, event) in lines {
                        events.append(event)
                        sources.append("\(name) line \(line)")
                    }
                } catch {
                    throw LedgerError(error.code == .io ? .io : .validation, "\(name): \(error.message)")
                }
            }
            let outcomes = try ledger.open().append(encoded: events)
            report(outcomes, events: events, sources: sources)
        }
    }

    /// One line per single file; per batch, one line per already recorded event and a summary.
    private func report(_ outcomes: [AppendOutcome], events: [EncodedEvent], sources: [String]) {
        for (index, file) in files.enumerated() {
            switch outcomes[index] {
            case .appended(let seq): print("\(file): seq \(seq) \(events[index].signed.event.id)")
            case .alreadyRecorded(let seq): print("\(file): already recorded at seq \(seq)")
            }
        }
        guard !batches.isEmpty else { return }
        var appended: [Int] = []
        var already = 0
        for index in files.count..<outcomes.count {
            switch outcomes[index] {
            case .appended(let seq): appended.append(seq)
            case .alreadyRecorded(let seq):
                already += 1
                print("\(sources[index]): already recorded at seq \(seq)")
            }
        }
        let range = appended.isEmpty ? "" : " at seq \(appended[0])...\(appended[appended.count - 1])"
        print("batch: \(appended.count) appended\(range), \(already) already recorded")
    }
}
