import MutualLedger
import PartnershipEvents

/// The event types the partnership record reads, and the two that amend them.
///
/// ```swift
/// RecordKind(type: "visit.recorded")   // .visit
/// RecordKind.visit.isCorrectable       // true
/// ```
public enum RecordKind: UInt8, Sendable, CaseIterable {
    case other = 0, org, partnership, actor, visit, confirm, debrief, missionRevised, missionEndorsed
    case innovation, status, policy, corrected, retracted

    /// The event type each kind reads (`other`: every type the record ignores).
    public var type: String {
        switch self {
        case .other: return ""
        case .org: return EventKind.orgRegistered.rawValue
        case .partnership: return EventKind.partnershipRegistered.rawValue
        case .actor: return CoreEventType.actorEnrolled
        case .visit: return EventKind.visitRecorded.rawValue
        case .confirm: return EventKind.visitConfirmed.rawValue
        case .debrief: return EventKind.debriefRecorded.rawValue
        case .missionRevised: return EventKind.missionRevised.rawValue
        case .missionEndorsed: return EventKind.missionEndorsed.rawValue
        case .innovation: return EventKind.innovationShared.rawValue
        case .status: return EventKind.innovationStatus.rawValue
        case .policy: return EventKind.policySet.rawValue
        case .corrected: return EventKind.eventCorrected.rawValue
        case .retracted: return EventKind.eventRetracted.rawValue
        }
    }

    static let byType: [String: RecordKind] = Dictionary(uniqueKeysWithValues: allCases.dropFirst().map { ($0.type, $0) })

    public init(type: String) { self = Self.byType[type] ?? .other }

    /// Whether `event.corrected` may replace the body (``EventKind/correctable``).
    public var isCorrectable: Bool { EventKind(rawValue: type).map(EventKind.correctable.contains) ?? false }
    /// Whether `event.retracted` may withdraw it (``EventKind/retractable``).
    public var isRetractable: Bool { EventKind(rawValue: type).map(EventKind.retractable.contains) ?? false }
}
