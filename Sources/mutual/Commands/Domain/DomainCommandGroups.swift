import ArgumentParser
import PartnershipEvents

/// `mutual org add`.
struct OrgCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "org", abstract: "Register organisations.", subcommands: [RecordAs<OrgOptions>.self])
}

/// `mutual partnership add`.
struct PartnershipCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "partnership", abstract: "Register partnerships.", subcommands: [RecordAs<PartnershipOptions>.self])
}

/// `mutual record`: the generic form (default) and one friendly form per event type.
struct RecordGroup: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "record",
        abstract: "Sign an event and append it to the ledger.",
        discussion: """
        `mutual record --type T --body FILE --key K` is the generic form (the default subcommand).
        The per-type forms take flags a coordinator can type, or --body FILE; --dry-run prints the signed event.
        """,
        subcommands: [
            Record.self, RecordAs<VisitOptions>.self, RecordAs<DebriefOptions>.self, RecordAs<MissionOptions>.self,
            RecordAs<EndorseOptions>.self, RecordAs<ConfirmOptions>.self, RecordAs<InnovationOptions>.self,
            RecordAs<InnovationStatusOptions>.self, RecordAs<PolicyOptions>.self, RecordAs<CorrectOptions>.self,
            RecordAs<RetractOptions>.self,
        ],
        defaultSubcommand: Record.self)
}

/// `mutual sign`: the same forms as `record`, signed offline to a file.
struct SignGroup: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sign",
        abstract: "Sign an event offline, without the ledger (no seq, no prev); submit it later with `mutual submit`.",
        subcommands: [
            SignGeneric.self, SignAs<VisitOptions>.self, SignAs<DebriefOptions>.self, SignAs<MissionOptions>.self,
            SignAs<EndorseOptions>.self, SignAs<ConfirmOptions>.self, SignAs<InnovationOptions>.self,
            SignAs<InnovationStatusOptions>.self, SignAs<PolicyOptions>.self, SignAs<CorrectOptions>.self,
            SignAs<RetractOptions>.self, SignAs<OrgOptionsForSign>.self, SignAs<PartnershipOptionsForSign>.self,
        ],
        defaultSubcommand: SignGeneric.self)
}
