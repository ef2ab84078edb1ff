import MutualLedger

/// Every event type a partnership ledger accepts (besides `ledger.genesis`, which only the core handles).
///
/// ```swift
/// EventKind(rawValue: "visit.recorded")   // .visitRecorded
/// EventKind(rawValue: "note.added")       // nil: refused by PartnershipRules
/// ```
public enum EventKind: String, CaseIterable, Codable, Sendable, Hashable, Comparable {
    case actorEnrolled = "actor.enrolled"
    case actorRevoked = "actor.revoked"
    case orgRegistered = "org.registered"
    case partnershipRegistered = "partnership.registered"
    case policySet = "policy.set"
    case missionRevised = "mission.revised"
    case missionEndorsed = "mission.endorsed"
    case visitRecorded = "visit.recorded"
    case visitConfirmed = "visit.confirmed"
    case debriefRecorded = "debrief.recorded"
    case innovationShared = "innovation.shared"
    case innovationStatus = "innovation.status"
    case eventCorrected = "event.corrected"
    case eventRetracted = "event.retracted"

    /// The kind named `rawValue`, found by length then compared once: the synthesized
    /// initializer compares the name with every case's (it runs twice for every line `verify` reads).
    public init?(rawValue: String) {
        let candidates: [EventKind]
        switch rawValue.utf8.count {
        case 10: candidates = [.policySet]
        case 13: candidates = [.actorRevoked]
        case 14: candidates = [.visitRecorded, .actorEnrolled, .orgRegistered]
        case 15: candidates = [.visitConfirmed, .missionRevised, .eventCorrected, .eventRetracted]
        case 16: candidates = [.debriefRecorded, .missionEndorsed]
        case 17: candidates = [.innovationShared, .innovationStatus]
        case 22: candidates = [.partnershipRegistered]
        default: return nil
        }
        for kind in candidates where kind.rawValue == rawValue {
            self = kind
            return
        }
        return nil
    }

    public static func < (lhs: EventKind, rhs: EventKind) -> Bool {
        allCases.firstIndex(of: lhs) ?? 0 < allCases.firstIndex(of: rhs) ?? 0
    }

    /// Types whose events `event.corrected` may replace.
    public static let correctable: Set<EventKind> = [
        .orgRegistered, .partnershipRegistered, .visitRecorded, .debriefRecorded, .innovationShared, .innovationStatus,
    ]

    /// Types whose events `event.retracted` may withdraw.
    public static let retractable: Set<EventKind> = [
        .visitRecorded, .visitConfirmed, .debriefRecorded, .innovationShared, .innovationStatus,
    ]

    /// Whether events of this kind must name a partnership in the envelope (corrections and
    /// retractions carry their target's partnership, which may be null).
    public var isPartnershipScoped: Bool {
        switch self {
        case .actorEnrolled, .actorRevoked, .orgRegistered, .partnershipRegistered, .policySet: return false
        case .eventCorrected, .eventRetracted: return false // as the target
        default: return true
        }
    }

    /// Decodes and validates a body of this kind (actor events are validated by the core).
    public func validate(_ body: [String: JSONValue]) throws(LedgerError) -> any PartnershipEventBody {
        switch self {
        case .actorEnrolled, .actorRevoked:
            throw LedgerError(.validation, "\(rawValue) bodies are validated by the ledger core; record them with `mutual actor`")
        case .orgRegistered: return try OrgRegistered(body: body)
        case .partnershipRegistered: return try PartnershipRegistered(body: body)
        case .policySet: return try PolicySet(body: body)
        case .missionRevised: return try MissionRevised(body: body)
        case .missionEndorsed: return try MissionEndorsed(body: body)
        case .visitRecorded: return try VisitRecorded(body: body)
        case .visitConfirmed: return try VisitConfirmed(body: body)
        case .debriefRecorded: return try DebriefRecorded(body: body)
        case .innovationShared: return try InnovationShared(body: body)
        case .innovationStatus: return try InnovationStatusChanged(body: body)
        case .eventCorrected: return try EventCorrected(body: body)
        case .eventRetracted: return try EventRetracted(body: body)
        }
    }
}
