import MutualLedger

/// What the reports need from the ledger, decoded from event bodies by their issue-3 member names.
///
/// ```swift
/// let record = PartnershipRecordProjection().fold(slice.events)
/// record.partnerships["ukug-1"]?.orgs   // ["gulu-rrh", "kings"]
/// ```
public struct PartnershipRecord: Sendable, Equatable {
    public var orgs: [String: Org] = [:]
    public var partnerships: [String: Partnership] = [:]
    /// Org of each enrolled key (coordinators), by key id text.
    public var keyOrgs: [String: String] = [:]
    public var visits: [String: Visit] = [:]
    public var debriefs: [Debrief] = []
    public var innovations: [String: Innovation] = [:]
    public var policies: [PolicySetting] = []

    public init() {}

    public struct Org: Sendable, Equatable {
        public var id: String
        public var name: String
        public var incomeGroup: String
        public var seq: Int
    }

    public struct Partnership: Sendable, Equatable {
        public var id: String
        public var orgs: [String]
        public var lead: String
        public var funder: String
        public var seq: Int
        /// Mission versions by number.
        public var missions: [Int: Mission] = [:]
    }

    public struct Mission: Sendable, Equatable {
        public var version: Int
        public var learningDirections: [String]
        public var learningLevels: [String]
        public var revised: CalendarDate
        public var seq: Int
        /// Orgs that endorsed it (the author's org counts), with the seqs showing it.
        public var endorsedBy: [String: Int] = [:]
    }

    public struct Traveller: Sendable, Equatable {
        public var person: String
        public var seniority: String
    }

    public struct Visit: Sendable, Equatable {
        public var id: String
        public var partnership: String
        public var from: String
        public var to: String
        public var start: CalendarDate
        public var end: CalendarDate
        public var mode: String
        public var travellers: [Traveller]
        public var needsIdentifiedBy: String
        public var briefedBeforeDeparture: Bool
        public var seq: Int
        /// Seq of the first `visit.confirmed` by the host.
        public var confirmedSeq: Int?

        /// Inclusive length in days.
        public var days: Int { start.days(until: end) + 1 }
        public var hasSenior: Bool { travellers.contains { $0.seniority == "senior" } }
    }

    public struct LearningItem: Sendable, Equatable {
        public var receivingOrg: String
        public var level: String
        public var isServiceOrSystem: Bool { level == "service" || level == "system" }
    }

    public struct Debrief: Sendable, Equatable {
        public var visit: String
        public var partnership: String
        public var held: CalendarDate
        public var nonTravellersAttending: Int
        public var learning: [LearningItem]
        public var seq: Int
    }

    public struct StatusChange: Sendable, Equatable {
        public var status: String
        public var date: CalendarDate
        public var seq: Int
    }

    public struct Innovation: Sendable, Equatable {
        public var id: String
        public var partnership: String
        public var origin: String
        public var recipient: String
        public var title: String
        public var shared: CalendarDate
        public var seq: Int
        public var statuses: [StatusChange] = []

        /// Whether the innovation ever reached `adopted` or `scaled`.
        public var reachedAdoption: Bool { statuses.contains { $0.status == "adopted" || $0.status == "scaled" } }
    }

    /// One `policy.set`: the thresholds it sets, for one partnership or (nil) the whole ledger.
    public struct PolicySetting: Sendable, Equatable {
        public var partnership: String?
        public var values: [String: Int]
        public var seq: Int
    }

    /// The visits of a partnership, in seq order.
    public func visits(of partnership: String) -> [Visit] {
        visits.values.filter { $0.partnership == partnership }.sorted { $0.seq < $1.seq }
    }

    /// The debriefs of a partnership whose visit still exists, in seq order.
    public func debriefs(of partnership: String) -> [Debrief] {
        debriefs.filter { $0.partnership == partnership && visits[$0.visit] != nil }.sorted { $0.seq < $1.seq }
    }
}
