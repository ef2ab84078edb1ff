import ArgumentParser
import MutualLedger
import PartnershipEvents

/// Flags of `visit.recorded` (`mutual record visit`).
struct VisitOptions: DraftOptions {
    static let commandName = "visit"
    static let abstract = "Record a visit (coordinator of the sending or host org)."
    static let kind = EventKind.visitRecorded

    @Option(help: ArgumentHelp("The visit id, e.g. v-2026-03.", valueName: "id")) var visit: String?
    @Option(help: ArgumentHelp("The sending org.", valueName: "id")) var from: String?
    @Option(help: ArgumentHelp("The host org.", valueName: "id")) var to: String?
    @Option(help: ArgumentHelp("First day, YYYY-MM-DD.", valueName: "date")) var start: String?
    @Option(help: ArgumentHelp("Last day (inclusive), YYYY-MM-DD.", valueName: "date")) var end: String?
    @Option(help: ArgumentHelp("in-person, remote or hybrid.", valueName: "mode")) var mode: String?
    @Option(name: .customLong("traveller"), help: ArgumentHelp("person:cadre:seniority, e.g. p-017:nurse:senior (repeat).", valueName: "p:c:s"))
    var travellers: [String] = []
    @Option(help: ArgumentHelp("What the visit is for.", valueName: "text")) var purpose: String?
    @Option(help: ArgumentHelp("host, joint or sender.", valueName: "who")) var needsIdentifiedBy: String?
    @Flag(inversion: .prefixedNo, help: "Whether the travellers were briefed before departure.") var briefed: Bool?

    func body() throws(LedgerError) -> [String: JSONValue] {
        var body: [String: JSONValue] = [:]
        put(&body, "visit", visit); put(&body, "from", from); put(&body, "to", to)
        put(&body, "start", start); put(&body, "end", end); put(&body, "mode", mode)
        if !travellers.isEmpty {
            var list: [JSONValue] = []
            for text in travellers { list.append(try CellParsing.traveller(text)) }
            body["travellers"] = .array(list)
        }
        put(&body, "purpose", purpose); put(&body, "needsIdentifiedBy", needsIdentifiedBy); put(&body, "briefedBeforeDeparture", briefed)
        return body
    }
}

/// Flags of `visit.confirmed` (`mutual record confirm`).
struct ConfirmOptions: DraftOptions {
    static let commandName = "confirm"
    static let abstract = "Confirm a visit took place (coordinator of the host org only)."
    static let kind = EventKind.visitConfirmed

    @Option(help: ArgumentHelp("The visit id.", valueName: "id")) var visit: String?

    func body() throws(LedgerError) -> [String: JSONValue] {
        var body: [String: JSONValue] = [:]
        put(&body, "visit", visit)
        return body
    }
}

/// Flags of `debrief.recorded` (`mutual record debrief`).
struct DebriefOptions: DraftOptions {
    static let commandName = "debrief"
    static let abstract = "Record a visit's debrief (coordinator of the sending or host org)."
    static let kind = EventKind.debriefRecorded

    @Option(help: ArgumentHelp("The visit id.", valueName: "id")) var visit: String?
    @Option(help: ArgumentHelp("When it was held, YYYY-MM-DD.", valueName: "date")) var held: String?
    @Option(help: ArgumentHelp("junior, mid or senior.", valueName: "level")) var facilitatorSeniority: String?
    @Option(help: ArgumentHelp("How many travellers attended.", valueName: "n")) var travellersAttending: Int?
    @Option(help: ArgumentHelp("How many colleagues who did not travel attended.", valueName: "n")) var nonTravellersAttending: Int?
    @Option(name: .customLong("learning"), help: ArgumentHelp("receivingOrg:level:kind:summary (repeat).", valueName: "o:l:k:text"))
    var learning: [String] = []
    @Option(name: .customLong("action"), help: ArgumentHelp("An agreed action (repeat).", valueName: "text")) var actions: [String] = []
    func body() throws(LedgerError) -> [String: JSONValue] {
        var body: [String: JSONValue] = [:]
        put(&body, "visit", visit); put(&body, "held", held); put(&body, "facilitatorSeniority", facilitatorSeniority)
        put(&body, "travellersAttending", travellersAttending); put(&body, "nonTravellersAttending", nonTravellersAttending)
        var items: [JSONValue] = []
        for text in learning { items.append(try CellParsing.learning(text)) }
        body["learning"] = .array(items)
        body["actions"] = .array(actions.map(JSONValue.string))
        return body
    }
}
