import Foundation
import MutualLedger
import PartnershipEvents

/// Builds a benchmark ledger through the public API, under the rules the CLI enforces
/// (``PartnershipRules``): genesis, then a realistic partnership history (``PartnershipHistory``),
/// appended in batches with `Ledger.append`.
struct LedgerGenerator {
    /// What generating one ledger cost.
    struct Result {
        var directory: URL
        var events: Int
        /// Seconds spent inside `Ledger.append` (signing excluded).
        var appendSeconds: Double
        /// Events appended in timed batches (genesis excluded).
        var appended: Int
        /// Seconds spent building and signing events (`Ledger.sign`).
        var signSeconds: Double
        var bodyBytesMean: Double
        /// The key file of a coordinator of `recordFrom` (mode 0600), for `mutual record visit.recorded`.
        var recordKey: URL
        var recordPartnership: String
        var recordFrom: String
        var recordTo: String
        /// The history the ledger was generated from and its clock, to sign more events that follow it.
        var history: PartnershipHistory
        var clock: Int64

        /// Signs the next `count` events of the history (valid after everything generated so far).
        mutating func signMore(_ count: Int) throws -> [SignedEvent] {
            var signed: [SignedEvent] = []
            signed.reserveCapacity(count)
            for _ in 0..<count {
                let draft = history.next()
                clock += 60
                signed.append(try Ledger<PartnershipRules>.sign(type: draft.type, body: draft.body, partnership: draft.partnership,
                                                                occurred: draft.occurred, id: draft.id, key: draft.key,
                                                                recorded: Timestamp(seconds: clock)))
            }
            return signed
        }
    }

    static let origin = "bench.example.org/ukug-partnerships"

    var batch: Int

    /// Generates a ledger of exactly `events` lines in a new folder `directory` (which must not exist).
    func generate(events: Int, in directory: URL) throws -> Result {
        let ledger = Ledger(directory: LedgerDirectory(directory), rules: PartnershipRules())
        let steward = SigningKey.generate()
        try ledger.create(origin: Self.origin, steward: steward)
        var history = PartnershipHistory(steward: steward, seed: UInt64(events))
        guard let (partnership, from, to) = PartnershipHistory.partnerships.first else { throw BenchError("no partnerships") }
        let keyFile = directory.appendingPathComponent("bench-coordinator.pem")
        try history.coordinator(from).write(to: keyFile)

        var clock: Int64 = 1_704_096_000   // 2024-01-01T08:00:00Z
        var remaining = events - 1
        var appendSeconds = 0.0
        var signSeconds = 0.0
        var bodyBytes = 0
        var bodies = 0
        while remaining > 0 {
            let size = min(batch, remaining)
            var signed: [SignedEvent] = []
            signed.reserveCapacity(size)
            signSeconds += try Timing.seconds {
                for _ in 0..<size {
                    let draft = history.next()
                    bodyBytes += JSONValue.object(draft.body).canonicalBytes.count
                    bodies += 1
                    clock += 60
                    signed.append(try Ledger<PartnershipRules>.sign(type: draft.type, body: draft.body, partnership: draft.partnership,
                                                                    occurred: draft.occurred, id: draft.id, key: draft.key,
                                                                    recorded: Timestamp(seconds: clock)))
                }
            }
            appendSeconds += try Timing.seconds { _ = try ledger.append(signed) }
            remaining -= size
        }
        return Result(directory: directory, events: events, appendSeconds: appendSeconds, appended: events - 1,
                      signSeconds: signSeconds, bodyBytesMean: bodies > 0 ? Double(bodyBytes) / Double(bodies) : 0,
                      recordKey: keyFile, recordPartnership: partnership, recordFrom: from, recordTo: to,
                      history: history, clock: clock)
    }
}
