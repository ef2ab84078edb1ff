import ArgumentParser
import MutualLedger

/// `mutual log`: list events, newest last.
struct LogCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "log", abstract: "List the ledger's events.")

    @OptionGroup var ledger: LedgerOptions

    @Flag(help: "Print each line as it is stored (canonical JSON), one per line.")
    var json = false

    @Option(help: ArgumentHelp("Only events of this type.", valueName: "type"))
    var type: String?

    @Option(help: ArgumentHelp("Only events of this partnership.", valueName: "id"))
    var partnership: String?

    @Option(help: ArgumentHelp("Start at this seq.", valueName: "seq"))
    var from: Int = 0

    @Option(help: ArgumentHelp("At most this many events.", valueName: "n"))
    var limit: Int?

    func validate() throws {
        guard from >= 0 else { throw ValidationError("--from must be 0 or more") }
        if let limit, limit < 1 { throw ValidationError("--limit must be 1 or more") }
    }

    func run() throws {
        try reportingErrors { () throws(LedgerError) in
            var printed = 0
            try ledger.open().forEachLine { line, raw in
                guard line.seq >= from else { return true }
                if let type, line.event.type != type { return true }
                if let partnership, line.event.partnership != partnership { return true }
                if json {
                    print(String(decoding: raw, as: UTF8.self))
                } else {
                    print(summary(line))
                }
                printed += 1
                return limit.map { printed < $0 } ?? true
            }
        }
    }
}

/// One aligned line describing an event: seq, recorded time, type, partnership, author.
func summary(_ line: LedgerLine) -> String {
    let event = line.event
    let seq = String(line.seq)
    let type = event.type.padding(toLength: max(event.type.count, 22), withPad: " ", startingAt: 0)
    let partnership = (event.partnership ?? "-").padding(toLength: max((event.partnership ?? "-").count, 12), withPad: " ", startingAt: 0)
    return "\(String(repeating: " ", count: max(0, 6 - seq.count)))\(seq)  \(event.recorded.text)  \(type)  \(partnership)  \(event.author)"
}

import Foundation
