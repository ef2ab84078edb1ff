import ArgumentParser
import MutualLedger
import PartnershipEvents

/// `mutual sign --type T --body F --key K [--out FILE]`: the generic offline form.
struct SignGeneric: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "generic", abstract: "Sign an event of any type with a JSON body, offline (the default form of `mutual sign`).")

    @OptionGroup var key: KeyOptions
    @OptionGroup var event: GenericEventOptions
    @OptionGroup var output: SignOutputOptions

    func run() throws {
        try reportingErrors { () throws(LedgerError) in
            let (type, body) = try event.typeAndBody()
            if let kind = EventKind(rawValue: type), kind != .actorEnrolled, kind != .actorRevoked {
                _ = try kind.validate(body)
            }
            let draft = EventDraft(type: type, partnership: event.partnership, body: body, occurred: try event.occurredDate())
            try output.write(draft, id: event.id, key: key)
        }
    }
}

/// `mutual sign org`: `org add` offline.
struct OrgOptionsForSign: DraftOptions {
    static let commandName = "org"
    static let abstract = OrgOptions.abstract
    static let kind = OrgOptions.kind
    @OptionGroup var options: OrgOptions
    func body() throws(LedgerError) -> [String: JSONValue] { try options.body() }
}

/// `mutual sign partnership`: `partnership add` offline.
struct PartnershipOptionsForSign: DraftOptions {
    static let commandName = "partnership"
    static let abstract = PartnershipOptions.abstract
    static let kind = PartnershipOptions.kind
    @OptionGroup var options: PartnershipOptions
    func body() throws(LedgerError) -> [String: JSONValue] { try options.body() }
    func defaultPartnership() -> String? { options.defaultPartnership() }
}
