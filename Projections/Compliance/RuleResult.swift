/// The outcome of one compliance rule for one partnership.
///
/// ```swift
/// let r = RuleResult(id: "R8", name: "two-way-flow", status: .fail,
///                    reason: "No visit from gulu to kings in the period.", evidence: [12, 15])
/// ```
public struct RuleResult: Sendable, Equatable {
    public enum Status: String, Sendable {
        case pass
        case fail
        case notApplicable = "not-applicable"
    }

    /// `R1` ... `R11`.
    public var id: String
    /// The rule's short name, e.g. `debrief-held`.
    public var name: String
    public var status: Status
    /// One sentence.
    public var reason: String
    /// Seqs of the events that show the result, ascending.
    public var evidence: [Int]

    public init(id: String, name: String, status: Status, reason: String, evidence: [Int]) {
        self.id = id
        self.name = name
        self.status = status
        self.reason = reason
        self.evidence = Array(Set(evidence)).sorted()
    }
}
