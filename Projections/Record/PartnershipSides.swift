/// Which org of a partnership is A and which is B for the reciprocity balance.
///
/// A is the org of the higher World Bank income group (HIC > UMIC > LMIC > LIC); on a tie, the lead org.
///
/// ```swift
/// let sides = PartnershipSides(partnership, orgs: record.orgs)
/// sides.direction(from: "kings", to: "gulu")   // .aToB when kings is A
/// ```
public struct PartnershipSides: Sendable, Equatable {
    public enum Direction: Sendable { case aToB, bToA }

    public var a: String
    public var b: String

    static let rank = ["HIC": 4, "UMIC": 3, "LMIC": 2, "LIC": 1]

    public init(_ partnership: PartnershipRecord.Partnership, orgs: [String: PartnershipRecord.Org]) {
        let first = partnership.orgs[0], second = partnership.orgs[1]
        let r1 = Self.rank[orgs[first]?.incomeGroup ?? ""] ?? 0
        let r2 = Self.rank[orgs[second]?.incomeGroup ?? ""] ?? 0
        if r1 != r2 {
            (a, b) = r1 > r2 ? (first, second) : (second, first)
        } else {
            (a, b) = partnership.lead == second ? (second, first) : (first, second)
        }
    }

    /// The direction of a flow from `from` to `to`, nil when it is not between A and B.
    public func direction(from: String, to: String) -> Direction? {
        if from == a && to == b { return .aToB }
        if from == b && to == a { return .bToA }
        return nil
    }

    /// The direction of learning received by `org` (received by B is learning that flowed A to B).
    public func direction(receivedBy org: String) -> Direction? {
        org == b ? .aToB : org == a ? .bToA : nil
    }
}
