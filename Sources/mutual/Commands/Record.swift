import ArgumentParser
import Foundation
import MutualLedger

/// `mutual record`: append one signed event of any type with a JSON body (the generic, low-level form).
struct Record: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Sign an event and append it to the ledger.",
        discussion: "Prints the new seq and event id. With --dry-run, prints the signed event and appends nothing.")

    @OptionGroup var ledger: LedgerOptions
    @OptionGroup var key: KeyOptions
    @OptionGroup var event: GenericEventOptions

    @Flag(name: .customLong("dry-run"), help: "Check and print the signed event without appending it.")
    var dryRun = false

    func run() throws {
        try reportingErrors { () throws(LedgerError) in
            let (type, body) = try event.typeAndBody()
            try appendOrPrint(type: type, body: body, partnership: event.partnership, occurred: event.occurredDate(),
                              id: event.id, ledger: ledger, key: key, dryRun: dryRun)
        }
    }
}

/// `--type T --body FILE|- [--partnership P] [--occurred D] [--id UUID]`.
struct GenericEventOptions: ParsableArguments {
    @Option(help: ArgumentHelp("The event type, e.g. visit.recorded.", valueName: "type"))
    var type: String

    @Option(help: ArgumentHelp("The JSON body: a file, or - for standard input.", valueName: "file"))
    var body: String

    @Option(help: ArgumentHelp("The partnership id (omit for ledger-level events).", valueName: "id"))
    var partnership: String?

    @Option(help: ArgumentHelp("The day it happened, YYYY-MM-DD.", valueName: "date"))
    var occurred: String?

    @Option(help: ArgumentHelp("The event id (a lowercase UUID; default: a fresh one).", valueName: "uuid"))
    var id: String?

    func validate() throws {
        if let occurred, CalendarDate(parsing: occurred) == nil {
            throw ValidationError("--occurred \"\(occurred)\" is not a date; use YYYY-MM-DD")
        }
    }

    func occurredDate() -> CalendarDate? { occurred.flatMap(CalendarDate.init(parsing:)) }

    func typeAndBody() throws(LedgerError) -> (String, [String: JSONValue]) {
        let bytes = try Output.readInput(body, what: "body")
        guard case .object(let object) = try JSONValue(parsing: bytes) else {
            throw LedgerError(.validation, "the body must be a JSON object like {\"visit\": \"v-1\"}")
        }
        return (type, object)
    }
}

/// Signs an event with the caller's key and appends it, or prints it for --dry-run.
func appendOrPrint(type: String, body: [String: JSONValue], partnership: String? = nil, occurred: CalendarDate? = nil,
                   id: String? = nil, ledger options: LedgerOptions, key: KeyOptions, dryRun: Bool) throws(LedgerError) {
    let ledger = options.open()
    let signingKey = try key.load()
    let signed = try ledger.sign(type: type, body: body, partnership: partnership, occurred: occurred, id: id, key: signingKey)
    if dryRun {
        try ledger.check([signed])
        print(String(decoding: signed.fileBytes, as: UTF8.self), terminator: "")
        return
    }
    let outcome = try ledger.append([signed])
    print("seq \(outcome.first?.seq ?? -1) \(signed.event.id)")
}
