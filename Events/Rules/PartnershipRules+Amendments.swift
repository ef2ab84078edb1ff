import MutualLedger

extension PartnershipRules {
    /// Checks `event.corrected` and `event.retracted`: the target exists, is of a correctable
    /// (retractable) type and not retracted; a replacement body validates for the target's type
    /// and keeps its identity; the author may record the target's type for its orgs.
    func checkAmendment(_ kind: EventKind, body: [String: JSONValue], partnership: String?, actor: String, roles: [Role], org: String?, state: State) throws(LedgerError) {
        let targetID: String
        var replacement: [String: JSONValue]?
        if kind == .eventCorrected {
            let correction = try EventCorrected(body: body)
            targetID = correction.target
            replacement = correction.replacement
        } else {
            targetID = try EventRetracted(body: body).target
        }
        guard let target = state.recorded[targetID] else {
            throw LedgerError(.validation, "\(kind.rawValue): no event \(targetID) of a \(kind == .eventCorrected ? "correctable" : "retractable") type is recorded; check the id with `mutual log`")
        }
        let allowed = kind == .eventCorrected ? EventKind.correctable : EventKind.retractable
        guard allowed.contains(target.kind) else {
            throw LedgerError(.validation, "\(kind.rawValue): \(target.kind.rawValue) events cannot be \(kind == .eventCorrected ? "corrected" : "retracted") (allowed: \(allowed.sorted().map(\.rawValue).joined(separator: ", ")))")
        }
        guard !state.retracted.contains(targetID) else {
            throw LedgerError(.validation, "\(kind.rawValue): event \(targetID) was retracted; it can no longer be changed")
        }
        guard partnership == target.partnership else {
            throw LedgerError(.validation, "\(kind.rawValue): the envelope's partnership must be the target's (\(target.partnership ?? "null")); fix --partnership")
        }
        let before = involvedOrgs(target.kind, body: currentBodyFacts(target, state: state), partnership: partnership, state: state)
        try Authorization.require(target.kind, actor: actor, roles: roles, org: org, involvedOrgs: before, asPartOf: kind)
        guard let replacement else { return }
        do {
            try checkReferences(target.kind, body: replacement, partnership: partnership, state: state, replacing: targetID)
        } catch {
            throw LedgerError(error.code, "event.corrected: the replacement body is not valid: \(error.message)")
        }
        if let field = Self.identityField[target.kind], replacement[field] != target.subject.map(JSONValue.string) {
            throw LedgerError(.validation, "event.corrected: a correction keeps \"\(field)\" (\(target.subject ?? "-")); record a new event to change it")
        }
        if target.kind == .partnershipRegistered,
           replacement["orgs"] != target.subject.flatMap({ state.partnerships[$0] }).map({ JSONValue.array($0.orgs.map(JSONValue.string)) }) {
            throw LedgerError(.validation, "event.corrected: a correction keeps a partnership's \"orgs\"; register a new partnership instead")
        }
        let after = involvedOrgs(target.kind, body: replacement, partnership: partnership, state: state)
        try Authorization.require(target.kind, actor: actor, roles: roles, org: org, involvedOrgs: after, asPartOf: kind)
    }

    /// The members of a recorded event's current body that ``involvedOrgs(_:body:partnership:state:)``
    /// reads, rebuilt from the state (which the corrections keep current) instead of kept.
    func currentBodyFacts(_ target: PartnershipState.Recorded, state: State) -> [String: JSONValue] {
        guard let subject = target.subject else { return [:] }
        switch target.kind {
        case .visitRecorded:
            guard let visit = state.visits[subject] else { return [:] }
            return ["visit": .string(subject), "from": .string(visit.from), "to": .string(visit.to)]
        case .visitConfirmed, .debriefRecorded:
            return ["visit": .string(subject)]
        case .innovationShared:
            guard let innovation = state.innovations[subject] else { return [:] }
            return ["innovation": .string(subject), "origin": .string(innovation.origin), "recipient": .string(innovation.recipient)]
        case .innovationStatus:
            return ["innovation": .string(subject)]
        default:
            return [:]
        }
    }

    /// The member that names what an event is about; a correction may not change it.
    static let identityField: [EventKind: String] = [
        .orgRegistered: "id", .partnershipRegistered: "id", .visitRecorded: "visit", .visitConfirmed: "visit",
        .debriefRecorded: "visit", .innovationShared: "innovation", .innovationStatus: "innovation",
    ]
}
