import ArgumentParser
import MutualLedger
import PartnershipEvents

/// Flags of `mission.revised` (`mutual record mission`).
struct MissionOptions: DraftOptions {
    static let commandName = "mission"
    static let abstract = "Revise the partnership's mission statement (coordinator of one of its orgs)."
    static let kind = EventKind.missionRevised

    @Option(help: ArgumentHelp("The new version number (1, 2, ...).", valueName: "n")) var version: Int?
    @Option(help: ArgumentHelp("The mission statement.", valueName: "text")) var text: String?
    @Option(name: .customLong("learning-direction"), help: ArgumentHelp("An org declared to learn (repeat; both = both directions).", valueName: "id"))
    var learningDirections: [String] = []
    @Option(name: .customLong("learning-level"), help: ArgumentHelp("personal or institutional (repeat).", valueName: "level"))
    var learningLevels: [String] = []
    @Option(help: ArgumentHelp("The version this one replaces.", valueName: "n")) var supersedes: Int?

    func body() throws(LedgerError) -> [String: JSONValue] {
        var body: [String: JSONValue] = [:]
        put(&body, "version", version); put(&body, "text", text)
        put(&body, "learningDirections", strings: learningDirections); put(&body, "learningLevels", strings: learningLevels)
        put(&body, "supersedes", supersedes)
        return body
    }
}

/// Flags of `mission.endorsed` (`mutual record endorse`).
struct EndorseOptions: DraftOptions {
    static let commandName = "endorse"
    static let abstract = "Endorse a mission version (coordinator of the partnership's other org)."
    static let kind = EventKind.missionEndorsed

    @Option(help: ArgumentHelp("The mission version.", valueName: "n")) var version: Int?

    func body() throws(LedgerError) -> [String: JSONValue] {
        var body: [String: JSONValue] = [:]
        put(&body, "version", version)
        return body
    }
}

/// Flags of `innovation.shared` (`mutual record innovation`).
struct InnovationOptions: DraftOptions {
    static let commandName = "innovation"
    static let abstract = "Record an innovation shared between the orgs (coordinator of its origin or recipient)."
    static let kind = EventKind.innovationShared

    @Option(help: ArgumentHelp("The innovation id.", valueName: "id")) var innovation: String?
    @Option(help: ArgumentHelp("The org it comes from.", valueName: "id")) var origin: String?
    @Option(help: ArgumentHelp("The org it goes to.", valueName: "id")) var recipient: String?
    @Option(help: ArgumentHelp("A short title.", valueName: "text")) var title: String?
    @Option(help: ArgumentHelp("What it is.", valueName: "text")) var description: String?
    @Flag(inversion: .prefixedNo, help: "Whether it is frugal (low-cost, locally made).") var frugal: Bool?

    func body() throws(LedgerError) -> [String: JSONValue] {
        var body: [String: JSONValue] = [:]
        put(&body, "innovation", innovation); put(&body, "origin", origin); put(&body, "recipient", recipient)
        put(&body, "title", title); put(&body, "description", description); put(&body, "frugal", frugal)
        return body
    }
}

/// Flags of `innovation.status` (`mutual record innovation-status`).
struct InnovationStatusOptions: DraftOptions {
    static let commandName = "innovation-status"
    static let abstract = "Record where a shared innovation stands (coordinator of its origin or recipient)."
    static let kind = EventKind.innovationStatus

    @Option(help: ArgumentHelp("The innovation id.", valueName: "id")) var innovation: String?
    @Option(help: ArgumentHelp("considered, piloted, adopted, scaled or abandoned.", valueName: "status")) var status: String?
    @Option(help: ArgumentHelp("As of, YYYY-MM-DD.", valueName: "date")) var date: String?
    @Option(help: ArgumentHelp("The evidence for it.", valueName: "text")) var evidence: String?

    func body() throws(LedgerError) -> [String: JSONValue] {
        var body: [String: JSONValue] = [:]
        put(&body, "innovation", innovation); put(&body, "status", status); put(&body, "date", date); put(&body, "evidence", evidence)
        return body
    }
}
