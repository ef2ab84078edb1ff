import ArgumentParser
import MutualLedger
import PartnershipEvents

/// Flags of `event.corrected` (`mutual record correct`).
struct CorrectOptions: DraftOptions {
    static let commandName = "correct"
    static let abstract = "Replace the body of an earlier event (whoever may record the target's type)."
    static let kind = EventKind.eventCorrected

    @Option(help: ArgumentHelp("The id of the event to correct.", valueName: "uuid")) var target: String?
    @Option(help: ArgumentHelp("The complete replacement body: a JSON file, or - for standard input.", valueName: "file")) var replacement: String?
    @Option(help: ArgumentHelp("Why.", valueName: "text")) var reason: String?

    func body() throws(LedgerError) -> [String: JSONValue] {
        var body: [String: JSONValue] = [:]
        put(&body, "target", target); put(&body, "reason", reason)
        if let replacement {
            body["body"] = try JSONValue(parsing: try Output.readInput(replacement, what: "replacement body"))
        }
        return body
    }
}

/// Flags of `event.retracted` (`mutual record retract`).
struct RetractOptions: DraftOptions {
    static let commandName = "retract"
    static let abstract = "Withdraw an earlier event (whoever may record the target's type)."
    static let kind = EventKind.eventRetracted

    @Option(help: ArgumentHelp("The id of the event to retract.", valueName: "uuid")) var target: String?
    @Option(help: ArgumentHelp("Why.", valueName: "text")) var reason: String?

    func body() throws(LedgerError) -> [String: JSONValue] {
        var body: [String: JSONValue] = [:]
        put(&body, "target", target); put(&body, "reason", reason)
        return body
    }
}
