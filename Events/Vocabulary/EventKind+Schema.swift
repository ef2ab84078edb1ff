import MutualLedger

extension EventKind {
    /// The newest schema version of this kind's body.
    ///
    /// ```swift
    /// EventKind.visitRecorded.schema   // 1
    /// ```
    public var schema: Int {
        switch self {
        case .actorEnrolled, .actorRevoked: return 1
        case .orgRegistered: return OrgRegistered.schema
        case .partnershipRegistered: return PartnershipRegistered.schema
        case .policySet: return PolicySet.schema
        case .missionRevised: return MissionRevised.schema
        case .missionEndorsed: return MissionEndorsed.schema
        case .visitRecorded: return VisitRecorded.schema
        case .visitConfirmed: return VisitConfirmed.schema
        case .debriefRecorded: return DebriefRecorded.schema
        case .innovationShared: return InnovationShared.schema
        case .innovationStatus: return InnovationStatusChanged.schema
        case .eventCorrected: return EventCorrected.schema
        case .eventRetracted: return EventRetracted.schema
        }
    }
}
