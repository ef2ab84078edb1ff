import MutualLedger

extension PartnershipRules {
    /// Validates a body and its references to what the ledger already holds.
    /// `replacing` is the id of the event a correction replaces (its own ids may then repeat).
    /// Returns the visit a `visit.confirmed` or `debrief.recorded` names (found while checking
    /// it), so the caller need not look it up again.
    @discardableResult
    func checkReferences(_ kind: EventKind, body: [String: JSONValue], partnership: String?, state: State,
                         replacing replacingText: String?) throws(LedgerError) -> PartnershipState.Visit? {
        let replacing = replacingText.map(CompactEventID.init)
        var partnershipOrgs: [String]?   // looked up on first use: most kinds name no org
        func member(_ org: String, _ field: String) throws(LedgerError) {
            let orgs = partnershipOrgs ?? state.orgs(of: partnership)
            partnershipOrgs = orgs
            guard orgs.contains(org) else {
                throw LedgerError(.validation, "\(kind.rawValue): \"\(field)\" \(org) is not an org of partnership \(partnership ?? "-") (\(orgs.joined(separator: ", "))); use one of them")
            }
        }
        switch kind {
        case .actorEnrolled:
            let enrolled = try ActorEnrolledBody(body)
            for role in enrolled.roles where Role(rawValue: role) == nil {
                throw LedgerError(.validation, "actor.enrolled: role \(role) is not known; use \(Role.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            if enrolled.roles.contains(Role.coordinator.rawValue), enrolled.org == nil {
                throw LedgerError(.validation, "actor.enrolled: a coordinator is bound to an org; give its registered org id")
            }
            if let org = enrolled.org, state.orgs[org] == nil {
                throw LedgerError(.validation, "actor.enrolled: org \(org) is not registered; register it with `mutual org add` first")
            }
        case .actorRevoked:
            _ = try ActorRevokedBody(body)
        case .orgRegistered:
            let org = try OrgRegistered(body: body)
            if replacingText == nil, state.orgs[org.id] != nil {
                throw LedgerError(.validation, "org.registered: org \(org.id) is already registered; choose another id, or correct it with event.corrected")
            }
        case .partnershipRegistered:
            let registered = try PartnershipRegistered(body: body)
            if let partnership, partnership != registered.id {
                throw LedgerError(.validation, "partnership.registered: the envelope names \(partnership) but the body registers \(registered.id); make them equal or leave the envelope's partnership out")
            }
            if replacingText == nil, state.partnerships[registered.id] != nil {
                throw LedgerError(.validation, "partnership.registered: partnership \(registered.id) is already registered; choose another id")
            }
            for org in registered.orgs where state.orgs[org] == nil {
                throw LedgerError(.validation, "partnership.registered: org \(org) is not registered; register it with `mutual org add` first")
            }
        case .policySet:
            _ = try PolicySet(body: body)
        case .missionRevised:
            let mission = try MissionRevised(body: body)
            for org in mission.learningDirections { try member(org, "learningDirections") }
            let latest = partnership.flatMap { state.missions[$0]?.latest } ?? 0
            guard mission.version == latest + 1 else {
                throw LedgerError(.validation, "mission.revised: version must be \(latest + 1) (the latest is \(latest)); number versions 1, 2, ...")
            }
        case .missionEndorsed:
            let endorsed = try MissionEndorsed(body: body)
            let latest = partnership.flatMap { state.missions[$0]?.latest } ?? 0
            guard endorsed.version <= latest else {
                throw LedgerError(.validation, "mission.endorsed: version \(endorsed.version) of \(partnership ?? "-") does not exist (latest is \(latest)); endorse an existing version")
            }
        case .visitRecorded:
            let visit = try VisitRecorded(body: body)
            try member(visit.from, "from")
            try member(visit.to, "to")
            if let existing = state.visits[visit.visit], existing.eventID != replacing {
                throw LedgerError(.validation, "visit.recorded: visit id \(visit.visit) is already used; choose another id, or correct the visit with event.corrected")
            }
        case .visitConfirmed:
            let confirmed = try VisitConfirmed(body: body)
            let visit = try existingVisit(confirmed.visit, kind: kind, partnership: partnership, state: state)
            if let confirmation = visit.confirmationID, confirmation != replacing {
                throw LedgerError(.validation, "visit.confirmed: visit \(confirmed.visit) is already confirmed; nothing to do")
            }
            return visit
        case .debriefRecorded:
            let debrief = try DebriefRecorded(body: body)
            let visit = try existingVisit(debrief.visit, kind: kind, partnership: partnership, state: state)
            guard debrief.held >= visit.end else {
                throw LedgerError(.validation, "debrief.recorded: \"held\" (\(debrief.held)) is before the visit ended (\(visit.end)); a debrief follows its visit")
            }
            if let travellers = state.recorded[visit.eventID]?.travellers, debrief.travellersAttending > travellers {
                throw LedgerError(.validation, "debrief.recorded: \"travellersAttending\" (\(debrief.travellersAttending)) exceeds the visit's \(travellers) travellers; count only people who travelled")
            }
            for item in debrief.learning { try member(item.receivingOrg, "learning.receivingOrg") }
            if let existing = visit.debriefID, existing != replacing {
                throw LedgerError(.validation, "debrief.recorded: visit \(debrief.visit) already has a debrief; correct it with event.corrected instead")
            }
            return visit
        case .innovationShared:
            let shared = try InnovationShared(body: body)
            try member(shared.origin, "origin")
            try member(shared.recipient, "recipient")
            if let existing = state.innovations[shared.innovation], existing.eventID != replacing {
                throw LedgerError(.validation, "innovation.shared: innovation id \(shared.innovation) is already used; choose another id")
            }
        case .innovationStatus:
            let status = try InnovationStatusChanged(body: body)
            guard let innovation = state.innovations[status.innovation], innovation.partnership == partnership, !innovation.retracted else {
                throw LedgerError(.validation, "innovation.status: innovation \(status.innovation) is not shared in partnership \(partnership ?? "-"); record innovation.shared first or fix the id")
            }
        case .eventCorrected, .eventRetracted:
            break
        }
        return nil
    }

    func existingVisit(_ id: String, kind: EventKind, partnership: String?, state: State) throws(LedgerError) -> PartnershipState.Visit {
        guard let visit = state.visits[id], visit.partnership == partnership else {
            throw LedgerError(.validation, "\(kind.rawValue): visit \(id) is not recorded in partnership \(partnership ?? "-"); record the visit first or fix the id")
        }
        guard !visit.retracted else {
            throw LedgerError(.validation, "\(kind.rawValue): visit \(id) was retracted; record against a current visit")
        }
        return visit
    }
}
