import MutualLedger

/// What ``PartnershipRules`` knows at a point of the log to judge the next event:
/// registered orgs and partnerships, visits (with host, sender, confirmation, debrief),
/// innovations, mission versions and endorsements, what the rules need of every correctable
/// or retractable event (``Recorded``), retracted ids, and each actor's roles and org.
///
/// The parts that grow with the ledger (visits, innovations, correctable events, retracted ids)
/// are ``CachedMap``s: between appends they live in cache tables read on demand, so an append
/// does not load them whole (``CacheTableState``).
///
/// ```swift
/// let state = try ledger.withCurrentState { $0.state }
/// state.visits["v-2026-03"]?.to        // "gulu-rrh" (the host)
/// ```
public struct PartnershipState: Codable, Sendable, Equatable, CacheTableState {
    /// A recorded visit as it currently stands (corrections applied).
    public struct Visit: Codable, Sendable, Equatable {
        public var partnership: String
        public var from: String
        public var to: String
        public var start: CalendarDate
        public var end: CalendarDate
        /// Id of the `visit.recorded` event (``event`` as text).
        public var eventID: CompactEventID
        /// Id of the `visit.confirmed` event, if confirmed.
        public var confirmationID: CompactEventID?
        /// Id of the `debrief.recorded` event, if debriefed.
        public var debriefID: CompactEventID?
        public var retracted = false

        /// Id of the `visit.recorded` event.
        public var event: String { eventID.text }
        /// Id of the `visit.confirmed` event, if confirmed.
        public var confirmation: String? { confirmationID?.text }
        /// Id of the `debrief.recorded` event, if debriefed.
        public var debrief: String? { debriefID?.text }

        enum CodingKeys: String, CodingKey {
            case partnership, from, to, start, end, retracted
            case eventID = "event", confirmationID = "confirmation", debriefID = "debrief"
        }
    }

    /// A shared innovation as it currently stands.
    public struct Innovation: Codable, Sendable, Equatable {
        public var partnership: String
        public var origin: String
        public var recipient: String
        /// Id of the `innovation.shared` event (``event`` as text).
        public var eventID: CompactEventID
        public var retracted = false

        /// Id of the `innovation.shared` event.
        public var event: String { eventID.text }

        enum CodingKeys: String, CodingKey {
            case partnership, origin, recipient, retracted
            case eventID = "event"
        }
    }

    /// The latest mission version of one partnership (who endorsed each version: ``endorsers(of:version:)``).
    public struct Missions: Codable, Sendable, Equatable {
        public var latest = 0
    }

    /// An event that may later be corrected or retracted: what the rules need of its current
    /// body (corrections applied), not the body itself, so the state stays small. The rest of
    /// what a correction is checked against (a visit's orgs, an innovation's orgs, a
    /// partnership's orgs) is in ``visits``, ``innovations`` and ``partnerships``.
    public struct Recorded: Codable, Sendable, Equatable {
        // Declared in this order so that the struct packs into 40 bytes (verify keeps one per event).
        public var partnership: String?
        /// The value of the kind's identity member (``PartnershipRules/identityField``): the org,
        /// partnership, visit or innovation the event is about.
        public var subject: String?
        private var travellerCount: Int32?
        public var kind: EventKind

        /// The number of travellers of a `visit.recorded`.
        public var travellers: Int? {
            get { travellerCount.map(Int.init) }
            set { travellerCount = newValue.map { Int32(clamping: $0) } }
        }

        public init(kind: EventKind, partnership: String?, subject: String?, travellers: Int?) {
            self.kind = kind
            self.partnership = partnership
            self.subject = subject
            self.travellerCount = travellers.map { Int32(clamping: $0) }
        }

        enum CodingKeys: String, CodingKey {
            case kind, partnership, subject
            case travellerCount = "travellers"
        }
    }

    /// Roles and org of an actor, from `actor.enrolled`.
    public struct ActorInfo: Codable, Sendable, Equatable {
        public var roles: [Role]
        public var org: String?
    }

    public var orgs: [String: OrgRegistered] = [:]
    public var partnerships: [String: PartnershipRegistered] = [:]
    public var visits = CachedMap<Visit>()
    public var innovations = CachedMap<Innovation>()
    /// Mission versions by partnership id.
    public var missions: [String: Missions] = [:]
    /// Orgs that endorse each mission version (the revising org counts as endorsing), by
    /// ``endorsementKey(_:version:)``; kept out of ``missions`` so the snapshot does not grow with every version.
    public var endorsements = CachedMap<[String]>()
    /// Correctable and retractable events by event id.
    public var recorded = CachedMap<Recorded>()
    public var retracted = CachedSet()
    public var actors: [String: ActorInfo] = [:]

    public init() {}

    public mutating func forEachCacheTable(_ body: (String, inout any CacheTableBacked) throws(LedgerError) -> Void) throws(LedgerError) {
        try Self.visit("visits", &visits, body)
        try Self.visit("innovations", &innovations, body)
        try Self.visit("recorded", &recorded, body)
        try Self.visit("retracted", &retracted, body)
        try Self.visit("endorsements", &endorsements, body)
    }

    /// The key of a mission version in ``endorsements``.
    public static func endorsementKey(_ partnership: String, version: Int) -> String { "\(partnership) \(version)" }

    /// The orgs that endorse `version` of `partnership`'s mission.
    public func endorsers(of partnership: String, version: Int) -> [String] {
        endorsements[Self.endorsementKey(partnership, version: version)] ?? []
    }

    /// Whether every org of `orgs` endorses `version` of `partnership`'s mission.
    public func isAdopted(_ partnership: String, version: Int, by orgs: [String]) -> Bool {
        let endorsers = endorsers(of: partnership, version: version)
        return !orgs.isEmpty && orgs.allSatisfy(endorsers.contains)
    }

    /// The orgs of a partnership (empty if it is unknown).
    public func orgs(of partnership: String?) -> [String] {
        partnership.flatMap { partnerships[$0]?.orgs } ?? []
    }
}
