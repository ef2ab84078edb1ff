import MutualLedger

/// Who may record what: the governance table of docs/GOVERNANCE.md, as data.
/// ``PartnershipRules`` enforces it at append and in `verify`; the docs and tests read it too.
///
/// ```swift
/// Authorization.table[.visitConfirmed]?.summary
/// // "only a coordinator of the visit's host org confirms a visit"
/// ```
public enum Authorization {
    /// Where a role's permission applies.
    public enum Scope: String, Sendable, Hashable {
        /// Any event of the kind, ledger-wide.
        case anywhere
        /// Only when the actor's org is one of the event's ``RuleDescription/involvedOrgs``.
        case ownOrg = "own-org"
    }

    /// One role allowed to record a kind, and where.
    public struct Grant: Sendable, Hashable {
        public var role: Role
        public var scope: Scope
    }

    /// One row of the table.
    public struct RuleDescription: Sendable {
        /// Stable rule name used in messages, e.g. `G7`.
        public var rule: String
        public var kind: EventKind
        /// Roles that may record the kind. Empty when ``followsTarget``.
        public var grants: [Grant]
        /// The orgs a coordinator must belong to (for ``Scope/ownOrg``), in words.
        public var involvedOrgs: String
        /// Corrections and retractions: allowed to whoever may record the target's type for the target's orgs.
        public var followsTarget: Bool
        /// The rule in one sentence.
        public var summary: String
    }

    static func row(_ rule: String, _ kind: EventKind, _ grants: [Grant], _ orgs: String, _ summary: String, followsTarget: Bool = false) -> (EventKind, RuleDescription) {
        (kind, RuleDescription(rule: rule, kind: kind, grants: grants, involvedOrgs: orgs, followsTarget: followsTarget, summary: summary))
    }

    static let steward = Grant(role: .steward, scope: .anywhere)
    static let funder = Grant(role: .funder, scope: .anywhere)
    static let coordinator = Grant(role: .coordinator, scope: .ownOrg)

    /// The authorisation table. Auditors appear in no row: they record nothing.
    public static let table: [EventKind: RuleDescription] = Dictionary(uniqueKeysWithValues: [
        row("G1", .actorEnrolled, [steward], "-", "only a steward enrolls actors"),
        row("G2", .actorRevoked, [steward], "-", "only a steward revokes actors"),
        row("G3", .orgRegistered, [steward], "-", "only a steward registers organisations"),
        row("G4", .partnershipRegistered, [steward], "-", "only a steward registers partnerships"),
        row("G5", .policySet, [steward, funder], "-", "only a steward or a funder sets policy (ledger-wide or for one partnership)"),
        row("G6", .missionRevised, [coordinator], "the partnership's orgs", "a coordinator of one of the partnership's orgs revises its mission"),
        row("G7", .missionEndorsed, [coordinator], "the partnership's orgs", "a coordinator of the partnership's other org endorses a mission version"),
        row("G8", .visitRecorded, [coordinator], "the sending or host org", "a coordinator of the sending or host org records a visit"),
        row("G9", .visitConfirmed, [coordinator], "the host org", "only a coordinator of the visit's host org confirms a visit"),
        row("G10", .debriefRecorded, [coordinator], "the visit's sending or host org", "a coordinator of the visit's sending or host org records its debrief"),
        row("G11", .innovationShared, [coordinator], "the origin or recipient org", "a coordinator of the origin or recipient org records a shared innovation"),
        row("G12", .innovationStatus, [coordinator], "the innovation's origin or recipient org", "a coordinator of the innovation's origin or recipient org records its status"),
        row("G13", .eventCorrected, [], "as for the target", "a correction is made by whoever may record the target's type for the target's orgs (before and after)", followsTarget: true),
        row("G14", .eventRetracted, [], "as for the target", "a retraction is made by whoever may record the target's type for the target's orgs", followsTarget: true),
    ])

    /// The row for `kind` (every kind has one).
    public static func rule(for kind: EventKind) -> RuleDescription {
        table[kind] ?? RuleDescription(rule: "G0", kind: kind, grants: [], involvedOrgs: "-", followsTarget: false, summary: "nobody records \(kind.rawValue)")
    }

    /// Whether an actor with `roles` in `org` may record `kind` for an event whose involved orgs are `orgs`.
    public static func allows(_ kind: EventKind, roles: [Role], org: String?, involvedOrgs orgs: Set<String>) -> Bool {
        rule(for: kind).grants.contains { grant in
            guard roles.contains(grant.role) else { return false }
            switch grant.scope {
            case .anywhere: return true
            case .ownOrg: return org.map(orgs.contains) ?? false
            }
        }
    }

    /// ``allows(_:roles:org:involvedOrgs:)`` with the orgs as a list (duplicates allowed), as
    /// `verify` asks it for every line: no set to build, and only the kind's grants looked up.
    static func allows(_ kind: EventKind, roles: [Role], org: String?, involvedOrgList orgs: [String]) -> Bool {
        (grants[kind] ?? []).contains { grant in
            guard roles.contains(grant.role) else { return false }
            switch grant.scope {
            case .anywhere: return true
            case .ownOrg: return org.map(orgs.contains) ?? false
            }
        }
    }

    /// The grants of each row of ``table``.
    private static let grants: [EventKind: [Grant]] = table.mapValues(\.grants)

    /// Throws `.unauthorized` naming the rule unless ``allows(_:roles:org:involvedOrgs:)``.
    /// `asPartOf` names the correction or retraction being checked, if any.
    static func require(_ kind: EventKind, actor: String, roles: [Role], org: String?, involvedOrgs orgs: Set<String>, asPartOf outer: EventKind? = nil) throws(LedgerError) {
        guard !allows(kind, roles: roles, org: org, involvedOrgs: orgs) else { return }
        let row = rule(for: kind)
        let who = roles.isEmpty ? "no role" : roles.sorted().map(\.rawValue).joined(separator: ", ") + (org.map { " of \($0)" } ?? "")
        let prefix = outer.map { "rule \(rule(for: $0).rule) (\($0.rawValue) follows the target's rule) and " } ?? ""
        var fix = "sign with the key of an actor the rule allows"
        if row.grants.contains(where: { $0.scope == .ownOrg }), !orgs.isEmpty {
            fix = "sign with the key of a coordinator of \(orgs.sorted().joined(separator: " or "))"
        }
        throw LedgerError(.unauthorized, "\(prefix)rule \(row.rule) (\(row.summary)): actor \(actor) (\(who)) may not record \(kind.rawValue); \(fix)")
    }
}
