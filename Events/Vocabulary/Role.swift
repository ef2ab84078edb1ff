/// The governance roles an actor may be enrolled with (`actor.enrolled` `roles`).
///
/// A coordinator is bound to the organisation named in its enrolment (`org`).
///
/// ```swift
/// Role(rawValue: "coordinator")  // .coordinator
/// Role(rawValue: "admin")        // nil: refused at enrolment
/// ```
public enum Role: String, BodyEnum, Comparable {
    case steward, coordinator, funder, auditor

    public static func < (lhs: Role, rhs: Role) -> Bool {
        allCases.firstIndex(of: lhs) ?? 0 < allCases.firstIndex(of: rhs) ?? 0
    }
}
