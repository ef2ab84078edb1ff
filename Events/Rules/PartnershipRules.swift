import MutualLedger

/// The rules of a partnership ledger: the event vocabulary of docs/EVENTS.md, referential
/// integrity, and the governance table of docs/GOVERNANCE.md (``Authorization/table``).
///
/// `check` runs at append and for every line in `verify`, so a hand-edited ledger that holds
/// an unauthorised event fails verification naming the seq and the rule.
///
/// ```swift
/// let ledger = Ledger(directory: LedgerDirectory(url), rules: PartnershipRules())
/// let signed = try ledger.sign(type: OrgRegistered.type, body: org.ledgerBody, key: steward)
/// _ = try ledger.append([signed])
/// ```
public struct PartnershipRules: LedgerRules {
    public typealias State = PartnershipState
    public static let name = "partnership"
    public static let version = 4

    /// Upgrades for bodies of older schema versions.
    public var upcasters: EventUpcasters

    public init(upcasters: EventUpcasters = .standard) { self.upcasters = upcasters }

    public var initialState: State { State() }

    public func check(_ event: Event, seq: Int, registry: KeyRegistry, state: State) throws(LedgerError) {
        guard let kind = EventKind(rawValue: event.type) else {
            throw LedgerError(.validation, "unknown event type \(event.type); a partnership ledger records only \(EventKind.allCases.map(\.rawValue).joined(separator: ", ")) (docs/EVENTS.md)")
        }
        let body = try currentBody(of: event, kind: kind)
        guard let author = registry.activeKey(event.author) else {
            throw LedgerError(.unknownKey, "key \(event.author) is not enrolled or was revoked; sign with an enrolled key")
        }
        let roles = author.roles.compactMap(Role.init(rawValue:))
        try checkEnvelope(kind, partnership: event.partnership, state: state)
        switch kind {
        case .eventCorrected, .eventRetracted:
            try checkAmendment(kind, body: body, partnership: event.partnership, actor: author.actor, roles: roles, org: author.org, state: state)
        default:
            let visit = try checkReferences(kind, body: body, partnership: event.partnership, state: state, replacing: nil)
            let involved = involvedOrgList(kind, body: body, partnership: event.partnership, state: state, visit: visit)
            if !Authorization.allows(kind, roles: roles, org: author.org, involvedOrgList: involved) {
                // Refused: the general check names the rule, with the orgs as a set (as always).
                try Authorization.require(kind, actor: author.actor, roles: roles, org: author.org, involvedOrgs: Set(involved))
            }
            try checkAfterAuthorization(kind, body: body, partnership: event.partnership, org: author.org, state: state)
        }
    }

    /// The event's body in the newest schema of its type.
    public func currentBody(of event: Event, kind: EventKind) throws(LedgerError) -> [String: JSONValue] {
        if event.schema == kind.schema { return event.body }
        return try upcasters.upcast(type: event.type, schema: event.schema, body: event.body, newest: kind.schema).body
    }

    func checkEnvelope(_ kind: EventKind, partnership: String?, state: State) throws(LedgerError) {
        switch kind {
        case .actorEnrolled, .actorRevoked, .orgRegistered:
            guard partnership == nil else {
                throw LedgerError(.validation, "\(kind.rawValue) is a ledger-level event; record it without a partnership")
            }
        case .partnershipRegistered:
            break
        default:
            if let partnership {
                guard state.partnerships.index(forKey: partnership) != nil else {   // no copy of the value
                    throw LedgerError(.validation, "\(kind.rawValue): partnership \(partnership) is not registered; register it first or fix --partnership")
                }
            } else if kind.isPartnershipScoped {
                throw LedgerError(.validation, "\(kind.rawValue) belongs to a partnership; give its id (--partnership)")
            }
        }
    }

    /// The orgs a coordinator must belong to for ``Authorization/Scope/ownOrg``.
    func involvedOrgs(_ kind: EventKind, body: [String: JSONValue], partnership: String?, state: State) -> Set<String> {
        Set(involvedOrgList(kind, body: body, partnership: partnership, state: state, visit: nil))
    }

    /// ``involvedOrgs(_:body:partnership:state:)`` as a list (an org may appear twice), without
    /// building a set for every event. `visit`: the visit the body names, when the caller has
    /// already looked it up (``checkReferences(_:body:partnership:state:replacing:)`` returns it).
    func involvedOrgList(_ kind: EventKind, body: [String: JSONValue], partnership: String?, state: State,
                         visit known: PartnershipState.Visit?) -> [String] {
        func text(_ name: String) -> String? { body[name]?.stringValue }
        func namedVisit() -> PartnershipState.Visit? { known ?? text("visit").flatMap { state.visits[$0] } }
        switch kind {
        case .actorEnrolled, .actorRevoked, .orgRegistered, .partnershipRegistered, .policySet, .eventCorrected, .eventRetracted:
            return []
        case .missionRevised, .missionEndorsed:
            return state.orgs(of: partnership)
        case .visitRecorded:
            return [text("from"), text("to")].compactMap { $0 }
        case .visitConfirmed:
            return [namedVisit()?.to].compactMap { $0 }
        case .debriefRecorded:
            guard let visit = namedVisit() else { return [] }
            return [visit.from, visit.to]
        case .innovationShared:
            return [text("origin"), text("recipient")].compactMap { $0 }
        case .innovationStatus:
            guard let innovation = text("innovation").flatMap({ state.innovations[$0] }) else { return [] }
            return [innovation.origin, innovation.recipient]
        }
    }

    /// Checks that need the author's org: an endorsement comes from an org that has not endorsed yet.
    func checkAfterAuthorization(_ kind: EventKind, body: [String: JSONValue], partnership: String?, org: String?, state: State) throws(LedgerError) {
        guard kind == .missionEndorsed, let partnership else { return }
        let endorsed = try MissionEndorsed(body: body)
        if let org, state.endorsers(of: partnership, version: endorsed.version).contains(org) {
            throw LedgerError(.validation, "mission.endorsed: \(org) already endorses version \(endorsed.version) of \(partnership) (an author's org counts as endorsing); nothing to do")
        }
    }
}
