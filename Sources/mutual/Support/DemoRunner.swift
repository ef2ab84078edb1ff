import Foundation
import MutualLedger

/// The steps of `mutual demo`, kept apart from argument parsing.
struct DemoRunner {
    let root: URL

    func run() throws(LedgerError) {
        let clock: @Sendable () -> Date = { Date(timeIntervalSince1970: 1_767_225_600) }
        let ledger = Ledger(directory: LedgerDirectory(root), rules: ActiveRules(), clock: clock)
        let steward = try SigningKey(seed: Array(repeating: 1, count: 32))
        try ledger.create(origin: "example.org/mutual-demo", steward: steward)
        let coordinator = try SigningKey(seed: Array(repeating: 2, count: 32))
        let enroll = ActorEnrolledBody(actor: "amina", name: "Amina (coordinator)", publicKey: coordinator.publicKey, org: nil, roles: ["coordinator"])
        _ = try ledger.append([try ledger.sign(type: CoreEventType.actorEnrolled, body: enroll.json, key: steward)])
        let report = try ledger.verify()
        print("Sample ledger: \(root.path)")
        print(report.isValid ? "verify: valid, \(report.verified) events" : "verify: INVALID \(report.failure?.description ?? "")")
    }
}
