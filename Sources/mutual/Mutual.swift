import ArgumentParser
import Foundation

/// `mutual`: record a health partnership as a ledger of signed events, verify it, and report on it.
@main
struct Mutual: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "mutual",
        abstract: "Keep the record of an international health partnership as a signed, append-only ledger.",
        discussion: """
        A ledger is a folder (--ledger DIR, else $MUTUAL_LEDGER, else ./ledger) holding events.jsonl, one signed event per line. See docs/FORMAT.md.

        Exit codes:
          0   success (for verify: the ledger is valid)
          1   the ledger is invalid or tampered with
          64  usage error (bad flags or arguments)
          65  bad input data (an invalid body, key file, date, or an unauthorised event)
          74  I/O error (cannot read or write, disk full, lock held too long)
        """,
        subcommands: [
            Demo.self, Init.self, KeyCommand.self, ActorCommand.self,
            OrgCommand.self, PartnershipCommand.self, RecordGroup.self, SignGroup.self, Submit.self, Import.self,
            LogCommand.self, Show.self, Verify.self, Repair.self, ReportCommand.self,
            CheckpointCommand.self, LogKeyCommand.self, ProveCommand.self, CheckCommand.self, AuditCommand.self,
            WitnessCommand.self, WitnessKeyCommand.self,
        ]
    )

    /// ArgumentParser's default entry point, except that a usage error is one stderr line starting
    /// `mutual: ` (the problem and where to find the usage), exit 64, like every other error.
    static func main() {
        // Past `ulimit -f`, write(2) then fails with EFBIG and the command reports it (exit 74)
        // instead of the process being killed by SIGXFSZ halfway through an append.
        signal(SIGXFSZ, SIG_IGN)
        do {
            var command = try parseAsRoot()
            try command.run()
        } catch {
            let code = exitCode(for: error)
            if code == .success || error is ExitCode { exit(withError: error) }
            let problem = message(for: error).split(separator: "\n").first.map(String.init) ?? "invalid command line"
            let text = problem.hasPrefix("Error: ") ? String(problem.dropFirst(7)) : problem
            Output.error("\(text); see `mutual help` or add --help to the command")
            Foundation.exit(code.rawValue)
        }
    }
}
