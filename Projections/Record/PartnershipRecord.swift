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

    /// An `org.registered`: `{"id", "name", "incomeGroup", ...}`, e.g. `Org(id: "lakeside", name: "Lakeside", incomeGroup: "LIC", seq: 3)`.
    public struct Org: Sendable, Equatable {
        public var id: String
        public var name: String
        public var incomeGroup: String
        public var seq: Int
    }

    /// A `partnership.registered` with its mission versions, e.g. orgs `["northbridge", "lakeside"]`, lead `"northbridge"`.
    public struct Partnership: Sendable, Equatable {
        public var id: String
        public var orgs: [String]
        public var lead: String
        public var funder: String
        public var seq: Int
        /// Mission versions by number.
        public var missions: [Int: Mission] = [:]
    }

    /// One `mission.revised` version and who endorsed it, e.g. `endorsedBy == ["northbridge": 16, "lakeside": 17]`.
    public struct Mission: Sendable, Equatable {
        public var version: Int
        public var learningDirections: [String]
        public var learningLevels: [String]
        public var revised: CalendarDate
        public var seq: Int
        /// Orgs that endorsed it (the author's org counts), with the seqs showing it.
        public var endorsedBy: [String: Int] = [:]
    }

    /// One traveller entry of a visit, e.g. `Traveller(person: "p-017", seniority: "senior")`.
    public struct Traveller: Sendable, Equatable {
        public var person: String
        public var seniority: String
    }

    /// A `visit.recorded` and its confirmation, e.g. `visit.days` is 5 for 2025-01-10 to 2025-01-14.
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

    /// One learning item of a debrief, e.g. `LearningItem(receivingOrg: "lakeside", level: "system")`.
    public struct LearningItem: Sendable, Equatable {
        public var receivingOrg: String
        public var level: String
        public var isServiceOrSystem: Bool { level == "service" || level == "system" }
    }

    /// A `debrief.recorded`, e.g. held 2025-01-20 with 3 non-travellers attending.
    public struct Debrief: Sendable, Equatable {
        public var visit: String
        public var partnership: String
        public var held: CalendarDate
        public var nonTravellersAttending: Int
        public var learning: [LearningItem]
        public var seq: Int
    }

    /// One `innovation.status`, e.g. `StatusChange(status: "adopted", date: d, seq: 14)`.
    public struct StatusChange: Sendable, Equatable {
        public var status: String
        public var date: CalendarDate
        public var seq: Int
    }

    /// An `innovation.shared` with its status history, e.g. `reachedAdoption` once `adopted` or `scaled`.
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

    /// One `policy.set`: the thresholds it sets, for one partnership or (nil) the whole ledger,
    /// e.g. `PolicySetting(partnership: nil, values: ["seniorShareMin": 40], seq: 52)`.
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
