import Foundation
import MutualLedger

/// A realistic, deterministic sample: three partnerships over two years (2024–2025), about 200
/// events, written with fixed keys through ``Ledger/create(origin:steward:logKey:)`` and
/// ``Ledger/append(_:)``. It follows the domain rules of issue 3 (stewards register orgs and
/// partnerships and enroll coordinators; each coordinator records what its org sends, hosts,
/// originates or receives; hosts confirm visits; a funder sets policy).
///
/// The three partnerships differ on purpose:
/// - `nb-lk` (Northbridge, GB, HIC / Lakeside, UG, LIC) follows the practices: most rules pass.
/// - `rv-hl` (Riverside, GB, HIC / Highland, ZM, LMIC) sends juniors one way with sender-defined
///   needs, misses debriefs, and its mission is one-way and personal only: many rules fail.
/// - `cs-md` (Coastal, GB, HIC / Mountain, NP, LMIC) is mixed: a funder's 18-month review policy
///   makes its mission stale, two visits left unbriefed, and Coastal received no system learning.
///
/// ```swift
/// let ledger = Ledger(directory: dir, rules: myRules, clock: { SampleHistory.genesisTime })
/// let summary = try SampleHistory.write(to: ledger)   // summary.events ≈ 200
/// ```
public enum SampleHistory {
    /// When the genesis line should be stamped (give the ledger a clock returning this).
    public static let genesisTime = Date(timeIntervalSince1970: 1_704_096_000)  // 2024-01-01T08:00:00Z
    public static let origin = "example.org/mutual-demo"

    /// Fixed keys, from seeds, so the sample is the same on every machine.
    public struct Keys: Sendable {
        public let steward: SigningKey
        public let log: SigningKey
        public let funder: SigningKey
        public let coordinators: [String: SigningKey]

        public init() throws(LedgerError) {
            steward = try SigningKey(seed: Self.seed(0x11))
            log = try SigningKey(seed: Self.seed(0x12))
            funder = try SigningKey(seed: Self.seed(0x13))
            var coordinators: [String: SigningKey] = [:]
            for (index, org) in SampleHistory.orgs.map(\.id).enumerated() {
                coordinators[org] = try SigningKey(seed: Self.seed(UInt8(0x21 + index)))
            }
            self.coordinators = coordinators
        }

        static func seed(_ byte: UInt8) -> [UInt8] { [UInt8](repeating: byte, count: 31) + [byte ^ 0x5a] }

        /// The coordinator key of `org` (the steward's if the org is unknown, which never happens in the sample).
        public func coordinator(_ org: String) -> SigningKey { coordinators[org] ?? steward }
    }

    /// What was written.
    public struct Summary: Sendable, Equatable {
        /// Lines in the log, genesis included.
        public var events: Int
        public var partnerships: [String]
    }

    struct OrgSpec {
        var id, name, country, incomeGroup, kind: String
    }

    static let orgs: [OrgSpec] = [
        .init(id: "northbridge", name: "Northbridge NHS Trust", country: "GB", incomeGroup: "HIC", kind: "nhs-trust"),
        .init(id: "lakeside", name: "Lakeside Regional Referral Hospital", country: "UG", incomeGroup: "LIC", kind: "hospital"),
        .init(id: "riverside", name: "Riverside University Hospitals", country: "GB", incomeGroup: "HIC", kind: "nhs-trust"),
        .init(id: "highland", name: "Highland Teaching Hospital", country: "ZM", incomeGroup: "LMIC", kind: "hospital"),
        .init(id: "coastal", name: "Coastal Health Board", country: "GB", incomeGroup: "HIC", kind: "nhs-trust"),
        .init(id: "mountain", name: "Mountain District Hospital", country: "NP", incomeGroup: "LMIC", kind: "hospital"),
    ]

    /// Writes the sample into a new ledger at `ledger.directory`.
    @discardableResult
    public static func write<Rules: LedgerRules>(to ledger: Ledger<Rules>) throws(LedgerError) -> Summary {
        let keys = try Keys()
        var plan = SamplePlan(keys: keys)
        plan.setup()
        plan.exemplary()
        plan.oneWay()
        plan.mixed()
        var writer = try HistoryWriter(ledger: ledger, origin: origin, steward: keys.steward, logKey: keys.log)
        var seqOfTag: [String: Int] = [:]
        for item in plan.sorted() {
            var body = item.body
            if let target = item.targetTag {
                guard let seq = seqOfTag[target] else {
                    throw LedgerError(.validation, "sample history: \(item.type) on \(item.day.text) names \(target), which is not recorded before it")
                }
                body["target"] = .string(writer.eventID(ofSeq: seq))
            }
            let seq = try writer.record(item.type, body, partnership: item.partnership, on: item.day,
                                        occurred: .some(item.occurred), by: item.key)
            if let tag = item.tag { seqOfTag[tag] = seq }
        }
        try writer.flush()
        return Summary(events: writer.nextSeq, partnerships: ["cs-md", "nb-lk", "rv-hl"])
    }
}
