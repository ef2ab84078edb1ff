import ArgumentParser
import MutualLedger
import PartnershipEvents

/// The flags of one event type (`mutual record visit ...`), turned into a body.
/// Every flag is optional so that `--body FILE` can stand in for all of them; the body
/// type's own validation names whatever is missing or wrong.
protocol DraftOptions: ParsableArguments {
    /// The subcommand name under `record` and `sign`, e.g. `visit`.
    static var commandName: String { get }
    static var abstract: String { get }
    /// The event type, e.g. `visit.recorded`.
    static var kind: EventKind { get }
    /// The body built from the flags.
    func body() throws(LedgerError) -> [String: JSONValue]
    /// The envelope partnership when `--partnership` is not given.
    func defaultPartnership() -> String?
}

extension DraftOptions {
    func defaultPartnership() -> String? { nil }
}

/// Adds `name: value` to a body when the flag was given.
func put(_ body: inout [String: JSONValue], _ name: String, _ value: String?) {
    if let value { body[name] = .string(value) }
}

func put(_ body: inout [String: JSONValue], _ name: String, _ value: Int?) {
    if let value { body[name] = .integer(Int64(value)) }
}

func put(_ body: inout [String: JSONValue], _ name: String, _ value: Bool?) {
    if let value { body[name] = .bool(value) }
}

func put(_ body: inout [String: JSONValue], _ name: String, strings values: [String]) {
    if !values.isEmpty { body[name] = .array(values.map(JSONValue.string)) }
}

/// `--body FILE`, `--partnership`, `--occurred`, `--event-id`: what every per-type form shares
/// (`--event-id`, because `org add` and `partnership add` use `--id` for the org or partnership id).
struct EnvelopeOptions: ParsableArguments {
    @Option(help: ArgumentHelp("A JSON body file (or - for standard input) instead of the type's flags.", valueName: "file"))
    var body: String?

    @Option(help: ArgumentHelp("The partnership id.", valueName: "id"))
    var partnership: String?

    @Option(help: ArgumentHelp("The day it happened, YYYY-MM-DD (default: the body's own date).", valueName: "date"))
    var occurred: String?

    @Option(name: .customLong("event-id"), help: ArgumentHelp("The event id (a lowercase UUID; default: a fresh one).", valueName: "uuid"))
    var id: String?

    func validate() throws {
        if let occurred, CalendarDate(parsing: occurred) == nil {
            throw ValidationError("--occurred \"\(occurred)\" is not a date; use YYYY-MM-DD")
        }
    }

    /// The draft: the body from --body or from the flags, validated for its type.
    func draft<Options: DraftOptions>(_ options: Options) throws(LedgerError) -> EventDraft {
        let body: [String: JSONValue]
        if let path = self.body {
            guard case .object(let object) = try JSONValue(parsing: try Output.readInput(path, what: "body")) else {
                throw LedgerError(.validation, "the body must be a JSON object; see docs/EVENTS.md")
            }
            body = object
        } else {
            body = try options.body()
        }
        _ = try Options.kind.validate(body)
        let natural = ["start", "held", "date"].lazy.compactMap { body[$0]?.stringValue.flatMap(CalendarDate.init(parsing:)) }.first
        return EventDraft(type: Options.kind.rawValue, schema: Options.kind.schema,
                          partnership: partnership ?? options.defaultPartnership(), body: body,
                          occurred: occurred.flatMap(CalendarDate.init(parsing:)) ?? natural)
    }
}
