import ArgumentParser
import Foundation
import MutualLedger

/// `mutual demo`: build a sample ledger in a temporary folder, verify it, and show what it holds.
struct Demo: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Create a sample partnership ledger in a temporary folder, verify it, and print what it shows.")

    @Option(help: ArgumentHelp("Keep the sample ledger in this folder instead of a temporary one.", valueName: "dir"))
    var keep: String?

    func run() throws {
        try reportingErrors { () throws(LedgerError) in
            let root = keep.map { URL(fileURLWithPath: $0) }
                ?? FileManager.default.temporaryDirectory.appendingPathComponent("mutual-demo-\(UUID().uuidString.lowercased())")
            try DemoRunner(root: root).run()
        }
    }
}
