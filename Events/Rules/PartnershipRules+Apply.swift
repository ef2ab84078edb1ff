import MutualLedger

extension PartnershipRules {
    public func apply(_ event: Event, seq: Int, registry: KeyRegistry, state: inout State) {
        guard let kind = EventKind(rawValue: event.type), let body = try? currentBody(of: event, kind: kind) else { return }
        // The author's org matters only to missions: looked up there, not for every event.
        var authorOrg: String? { registry.activeKey(event.author)?.org }
        if EventKind.correctable.contains(kind) || EventKind.retractable.contains(kind) {
            state.recorded[event.id] = Self.recorded(kind, body: body, partnership: event.partnership)
        }
        switch kind {
        case .actorEnrolled:
            if let enrolled = try? ActorEnrolledBody(body) {
                state.actors[enrolled.actor] = .init(roles: enrolled.roles.compactMap(Role.init(rawValue:)), org: enrolled.org)
            }
        case .actorRevoked:
            if let revoked = try? ActorRevokedBody(body) { state.actors[revoked.actor] = nil }
        case .missionRevised:
            guard let mission = try? MissionRevised(body: body), let partnership = event.partnership else { return }
            state.missions[partnership, default: .init()].latest = mission.version
            state.endorsements[State.endorsementKey(partnership, version: mission.version)] = authorOrg.map { [$0] } ?? []
        case .missionEndorsed:
            guard let endorsed = try? MissionEndorsed(body: body), let partnership = event.partnership, let authorOrg else { return }
            let key = State.endorsementKey(partnership, version: endorsed.version)
            state.endorsements[key] = (state.endorsements[key] ?? []) + [authorOrg]
        case .visitConfirmed:
            if let visit = body["visit"]?.stringValue { state.visits[visit]?.confirmationID = CompactEventID(event.id) }
        case .debriefRecorded:
            if let visit = body["visit"]?.stringValue { state.visits[visit]?.debriefID = CompactEventID(event.id) }
        case .eventCorrected:
            guard let correction = try? EventCorrected(body: body), let target = state.recorded[correction.target] else { return }
            state.recorded[correction.target] = Self.recorded(target.kind, body: correction.replacement, partnership: target.partnership)
            applyBody(target.kind, body: correction.replacement, id: correction.target, partnership: target.partnership, new: false, state: &state)
        case .eventRetracted:
            guard let retraction = try? EventRetracted(body: body), let target = state.recorded[retraction.target] else { return }
            state.retracted.insert(retraction.target)
            let subject = target.subject ?? ""
            switch target.kind {
            case .visitRecorded: state.visits[subject]?.retracted = true
            case .visitConfirmed: state.visits[subject]?.confirmationID = nil
            case .debriefRecorded: state.visits[subject]?.debriefID = nil
            case .innovationShared: state.innovations[subject]?.retracted = true
            default: break
            }
        default:
            applyBody(kind, body: body, id: event.id, partnership: event.partnership, new: true, state: &state)
        }
    }

    /// What the state keeps of a correctable or retractable event with `body`.
    static func recorded(_ kind: EventKind, body: [String: JSONValue], partnership: String?) -> PartnershipState.Recorded {
        .init(kind: kind, partnership: partnership, subject: identityField[kind].flatMap { body[$0]?.stringValue },
              travellers: kind == .visitRecorded ? body["travellers"]?.arrayValue?.count : nil)
    }

    /// Records what a body of a correctable kind says (`new`, or replaced by a correction).
    /// A new visit or innovation has an id no earlier one has (`check` refuses a reused one),
    /// so there is nothing of it to look up and keep; a correction keeps what its target had.
    func applyBody(_ kind: EventKind, body: [String: JSONValue], id: String, partnership: String?, new: Bool, state: inout State) {
        switch kind {
        case .orgRegistered:
            if let org = try? OrgRegistered(body: body) { state.orgs[org.id] = org }
        case .partnershipRegistered:
            if let registered = try? PartnershipRegistered(body: body) { state.partnerships[registered.id] = registered }
        case .visitRecorded:
            guard let visit = VisitFacts(body), let partnership else { return }
            let old = new ? nil : state.visits[visit.visit]
            state.visits[visit.visit] = .init(partnership: partnership, from: visit.from, to: visit.to, start: visit.start, end: visit.end,
                                              eventID: old?.eventID ?? CompactEventID(id), confirmationID: old?.confirmationID, debriefID: old?.debriefID,
                                              retracted: old?.retracted ?? false)
        case .innovationShared:
            guard let shared = InnovationFacts(body), let partnership else { return }
            let old = new ? nil : state.innovations[shared.innovation]
            state.innovations[shared.innovation] = .init(partnership: partnership, origin: shared.origin, recipient: shared.recipient,
                                                         eventID: old?.eventID ?? CompactEventID(id))
        default:
            break
        }
    }
}
