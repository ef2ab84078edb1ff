import ArgumentParser
import Foundation
import MutualLedger
import PartnershipEvents

/// `mutual record <type>`: sign an event of one type from its flags (or --body) and append it.
struct RecordAs<Options: DraftOptions>: ParsableCommand {
    static var configuration: CommandConfiguration {
        CommandConfiguration(commandName: Options.commandName, abstract: Options.abstract,
                             discussion: "Records a \(Options.kind.rawValue) event (docs/EVENTS.md). With --dry-run, prints the signed event and appends nothing.")
    }

    @OptionGroup var ledger: LedgerOptions
    @OptionGroup var key: KeyOptions
    @OptionGroup var envelope: EnvelopeOptions
    @OptionGroup var fields: Options

    @Flag(name: .customLong("dry-run"), help: "Check and print the signed event without appending it.")
    var dryRun = false

    func run() throws {
        try reportingErrors { () throws(LedgerError) in
            var draft = try envelope.draft(fields)
            if envelope.partnership == nil, Options.kind == .eventCorrected || Options.kind == .eventRetracted,
               let target = draft.body["target"]?.stringValue {
                // A correction or retraction carries its target's partnership: look it up rather than ask for it.
                draft.partnership = try ledger.open().withCurrentState { $0.state.recorded[target]?.partnership }
            }
            try appendOrPrint(type: draft.type, body: draft.body, partnership: draft.partnership, occurred: draft.occurred,
                              id: envelope.id, ledger: ledger, key: key, dryRun: dryRun)
        }
    }
}

/// `mutual sign <type>`: the same forms as `record <type>`, signed offline (no ledger) to a file.
struct SignAs<Options: DraftOptions>: ParsableCommand {
    static var configuration: CommandConfiguration {
        CommandConfiguration(commandName: Options.commandName, abstract: "Sign a \(Options.kind.rawValue) event offline (no ledger needed).",
                             discussion: "Writes the signed event to --out (or standard output); append it later with `mutual submit FILE`.")
    }

    @OptionGroup var key: KeyOptions
    @OptionGroup var envelope: EnvelopeOptions
    @OptionGroup var fields: Options
    @OptionGroup var output: SignOutputOptions

    func run() throws {
        try reportingErrors { () throws(LedgerError) in
            let draft = try envelope.draft(fields)
            try output.write(draft, id: envelope.id, key: key)
        }
    }
}

/// `--out FILE` for `mutual sign`.
struct SignOutputOptions: ParsableArguments {
    @Option(help: ArgumentHelp("Where to write the signed event (default: standard output). Refuses an existing file.", valueName: "file"))
    var out: String?

    func write(_ draft: EventDraft, id: String?, key options: KeyOptions) throws(LedgerError) {
        let key = try options.load()
        let signed = try Ledger<ActiveRules>.sign(type: draft.type, schema: draft.schema, body: draft.body, partnership: draft.partnership,
                                                  occurred: draft.occurred, id: id, key: key, recorded: Timestamp(Environment.clock()))
        guard let out else {
            print(String(decoding: signed.fileBytes, as: UTF8.self), terminator: "")
            return
        }
        try FileIO.createExclusive(URL(fileURLWithPath: out), contents: signed.fileBytes, mode: 0o644, what: "signed event")
        print("signed \(signed.event.type) \(signed.event.id) -> \(out); submit it with `mutual submit \(out)`")
    }
}
