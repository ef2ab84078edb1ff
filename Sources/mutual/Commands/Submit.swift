import ArgumentParser
import Foundation
import MutualLedger

/// `mutual submit FILE...`: append events signed offline with `mutual sign`.
struct Submit: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Validate, authorise and append events signed offline (idempotent).",
        discussion: """
        All files are checked against the ledger as it stands now and appended as one batch (one fsync), or none is.
        A file already in the ledger is reported as `already recorded at seq N` (exit 0); a different event
        reusing an id is refused.
        """)

    @OptionGroup var ledger: LedgerOptions

    @Argument(help: ArgumentHelp("Signed event files written by `mutual sign`.", valueName: "file"))
    var files: [String]

    func validate() throws {
        guard !files.isEmpty else { throw ValidationError("give at least one signed event file") }
    }

    func run() throws {
        try reportingErrors { () throws(LedgerError) in
            var events: [SignedEvent] = []
            for file in files {
                do throws(LedgerError) {
                    events.append(try SignedEvent(fileBytes: try Output.readInput(file, what: "signed event")))
                } catch {
                    // A malformed file is bad input (65), whatever layer noticed it.
                    throw LedgerError(.validation, "\(file): \(error.message)")
                }
            }
            let outcomes = try ledger.open().append(events)
            for (file, (event, outcome)) in zip(files, zip(events, outcomes)) {
                switch outcome {
                case .appended(let seq): print("\(file): seq \(seq) \(event.event.id)")
                case .alreadyRecorded(let seq): print("\(file): already recorded at seq \(seq)")
                }
            }
        }
    }
}
