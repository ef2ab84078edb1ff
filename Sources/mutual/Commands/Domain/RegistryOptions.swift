import ArgumentParser
import MutualLedger
import PartnershipEvents

/// Flags of `org.registered` (`mutual org add`).
struct OrgOptions: DraftOptions {
    static let commandName = "add"
    static let abstract = "Register an organisation (stewards only)."
    static let kind = EventKind.orgRegistered

    @Option(help: ArgumentHelp("The org id, e.g. gulu-rrh.", valueName: "id")) var id: String?
    @Option(help: ArgumentHelp("Its name.", valueName: "text")) var name: String?
    @Option(help: ArgumentHelp("ISO 3166-1 alpha-2 country code, e.g. UG.", valueName: "cc")) var country: String?
    @Option(help: ArgumentHelp("HIC, UMIC, LMIC or LIC.", valueName: "group")) var incomeGroup: String?
    @Option(help: ArgumentHelp("nhs-trust, hospital, university, ngo, ministry, ...", valueName: "kind")) var kind: String?

    func body() throws(LedgerError) -> [String: JSONValue] {
        var body: [String: JSONValue] = [:]
        put(&body, "id", id); put(&body, "name", name); put(&body, "country", country)
        put(&body, "incomeGroup", incomeGroup); put(&body, "kind", kind)
        return body
    }
}

/// Flags of `partnership.registered` (`mutual partnership add`).
struct PartnershipOptions: DraftOptions {
    static let commandName = "add"
    static let abstract = "Register a partnership of two registered organisations (stewards only)."
    static let kind = EventKind.partnershipRegistered

    @Option(help: ArgumentHelp("The partnership id, e.g. ukug-1.", valueName: "id")) var id: String?
    @Option(name: .customLong("org"), help: ArgumentHelp("An org id (give two).", valueName: "id")) var orgs: [String] = []
    @Option(help: ArgumentHelp("The lead org (one of the two).", valueName: "id")) var lead: String?
    @Option(help: ArgumentHelp("Who funds it.", valueName: "text")) var funder: String?
    @Option(help: ArgumentHelp("The funding scheme.", valueName: "text")) var scheme: String?
    @Option(help: ArgumentHelp("Start date, YYYY-MM-DD.", valueName: "date")) var start: String?
    @Option(help: ArgumentHelp("Reference of the memorandum of understanding.", valueName: "text")) var mou: String?

    func body() throws(LedgerError) -> [String: JSONValue] {
        var body: [String: JSONValue] = [:]
        put(&body, "id", id); put(&body, "orgs", strings: orgs); put(&body, "lead", lead)
        put(&body, "funder", funder); put(&body, "scheme", scheme); put(&body, "start", start); put(&body, "mou", mou)
        return body
    }

    func defaultPartnership() -> String? { id }
}

/// Flags of `policy.set` (`mutual record policy`).
struct PolicyOptions: DraftOptions {
    static let commandName = "policy"
    static let abstract = "Set policy targets, ledger-wide or for --partnership (stewards and funders)."
    static let kind = EventKind.policySet

    @Option(help: ArgumentHelp("Debrief within this many days of a visit's end.", valueName: "n")) var debriefWithinDays: Int?
    @Option(help: ArgumentHelp("Minimum percent of visits with a senior traveller.", valueName: "pct")) var seniorShareMin: Int?
    @Option(help: ArgumentHelp("Review the mission every this many months.", valueName: "n")) var missionReviewMonths: Int?
    @Option(help: ArgumentHelp("Minimum percent of visits whose needs the host identified.", valueName: "pct")) var hostLedShareMin: Int?

    func body() throws(LedgerError) -> [String: JSONValue] {
        var body: [String: JSONValue] = [:]
        put(&body, "debriefWithinDays", debriefWithinDays); put(&body, "seniorShareMin", seniorShareMin)
        put(&body, "missionReviewMonths", missionReviewMonths); put(&body, "hostLedShareMin", hostLedShareMin)
        return body
    }
}
