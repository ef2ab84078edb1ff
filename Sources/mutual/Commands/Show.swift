import ArgumentParser
import MutualLedger

/// `mutual show SEQ`: one event in full.
struct Show: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Show one event in full.")

    @OptionGroup var ledger: LedgerOptions

    @Argument(help: ArgumentHelp("The event's seq.", valueName: "seq"))
    var seq: Int

    @Flag(help: "Print the stored line (canonical JSON).")
    var json = false

    func validate() throws {
        guard seq >= 0 else { throw ValidationError("seq must be 0 or more") }
    }

    func run() throws {
        try reportingErrors { () throws(LedgerError) in
            var found = false
            try ledger.open().forEachLine { line, raw in
                guard line.seq == seq else { return true }
                found = true
                if json {
                    print(String(decoding: raw, as: UTF8.self))
                } else {
                    let event = line.event
                    print("seq          \(line.seq)")
                    print("id           \(event.id)")
                    print("type         \(event.type) (schema \(event.schema))")
                    print("partnership  \(event.partnership ?? "-")")
                    print("recorded     \(event.recorded.text)")
                    print("occurred     \(event.occurred?.text ?? "-")")
                    print("author       \(event.author)")
                    print("prev         \(line.prev)")
                    print("line hash    \(LedgerLine.hash(of: raw))")
                    print("body         \(JSONValue.object(event.body).canonicalString)")
                }
                return false
            }
            guard found else {
                throw LedgerError(.notFound, "there is no event at seq \(seq); see `mutual log` for the seqs")
            }
        }
    }
}
