import ArgumentParser
import MutualLedger
import Projections

/// `mutual report`: funder reports computed from the ledger (docs/REPORTS.md).
struct ReportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "Reciprocity, compliance and innovation reports, at any point of the log.",
        discussion: "Same ledger prefix and options, same bytes: reports never read the wall clock. See docs/REPORTS.md.",
        subcommands: [Reciprocity.self, Compliance.self, Partnership.self, Innovations.self, ReportVerifyCommand.self])

    struct Reciprocity: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "How evenly visits, people, learning and innovations flow both ways.")
        @OptionGroup var ledger: LedgerOptions
        @OptionGroup var options: ReportOptions

        func run() throws {
            try reportingErrors { () throws(LedgerError) in try options.run(.reciprocity, ledger: ledger) }
        }
    }

    struct Compliance: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Rules R1-R11: debriefs, senior staff, missions, two-way flow, host confirmation.")
        @OptionGroup var ledger: LedgerOptions
        @OptionGroup var options: ReportOptions

        func run() throws {
            try reportingErrors { () throws(LedgerError) in try options.run(.compliance, ledger: ledger) }
        }
    }

    struct Partnership: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Reciprocity and compliance of one partnership.")
        @OptionGroup var ledger: LedgerOptions
        @Argument(help: ArgumentHelp("The partnership id.", valueName: "id"))
        var id: String
        @OptionGroup var options: ReportOptions

        func validate() throws {
            guard Identifier.isValid(id) else { throw ValidationError("\(id) is not a partnership id; use lowercase letters, digits, . _ -") }
            if let other = options.partnership, other != id {
                throw ValidationError("--partnership \(other) differs from the partnership \(id) named; give one of them")
            }
        }

        func run() throws {
            try reportingErrors { () throws(LedgerError) in try options.run(.partnership, ledger: ledger, partnership: id) }
        }
    }

    struct Innovations: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Innovations shared between partners and their status histories.")
        @OptionGroup var ledger: LedgerOptions
        @OptionGroup var options: ReportOptions

        func run() throws {
            try reportingErrors { () throws(LedgerError) in try options.run(.innovations, ledger: ledger) }
        }
    }
}
