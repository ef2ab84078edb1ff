import Foundation
import MutualLedger
import Projections

/// The steps of `mutual demo`, kept apart from argument parsing: write the sample history
/// (three partnerships over two years), verify it, and print the compliance and reciprocity tables.
struct DemoRunner {
    let root: URL

    func run() throws(LedgerError) {
        let directory = LedgerDirectory(root)
        let ledger = Ledger(directory: directory, rules: ActiveRules(), clock: { SampleHistory.genesisTime })
        let summary = try SampleHistory.write(to: ledger)
        let report = try ledger.verify()
        print("Sample ledger: \(root.path)")
        print("\(summary.events) events, partnerships \(summary.partnerships.joined(separator: ", "))")
        print(report.isValid ? "verify: valid, \(report.verified) events" : "verify: INVALID \(report.failure?.description ?? "")")
        let slice = try ProjectionRunner(directory: directory).read(at: .latest, keeping: PartnershipRecordProjection.eventTypes)
        for kind in [ReportDocument.Kind.compliance, .reciprocity] {
            let doc = ReportDocument.build(kind, from: slice, period: .allTime, partnership: nil)
            print("")
            print(String(decoding: doc.render(.table), as: UTF8.self), terminator: "")
        }
        print("")
        print("Try: mutual report partnership nb-lk --ledger \(root.path) --format html --out report.html")
    }
}
