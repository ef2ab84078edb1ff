import MutualLedger

/// Compliance rules R1..R11 (issue 4, docs/REPORTS.md) for each partnership at a report's point.
///
/// Visits belong to the period by their start date; debriefs and learning by their visit.
///
/// ```swift
/// let report = Compliance.compute(record, period: .allTime, reportDate: slice.reportDate, partnership: nil)
/// report.partnerships[0].rules.map(\.status)   // [.pass, .fail, ...]
/// ```
public struct Compliance: Sendable, Equatable {
    public static let ruleNames = [
        "R1": "debrief-held", "R2": "debrief-reaches-others", "R3": "system-learning", "R4": "senior-involvement",
        "R5": "mission-bidirectional", "R6": "mission-endorsed", "R7": "mission-fresh", "R8": "two-way-flow",
        "R9": "host-led-needs", "R10": "host-confirmed", "R11": "briefed",
    ]

    /// One partnership's results and the thresholds they used, e.g. `row.rules[0].id == "R1"`.
    public struct PartnershipRules: Sendable, Equatable {
        public var id: String
        public var thresholds: Thresholds
        public var rules: [RuleResult]
    }

    public var partnerships: [PartnershipRules]

    public static func compute(_ record: PartnershipRecord, period: ReportPeriod, reportDate: CalendarDate?,
                               partnership: String?) -> Compliance {
        let ids = record.partnerships.keys.sorted().filter { partnership == nil || $0 == partnership }
        let rows = ids.compactMap { id -> PartnershipRules? in
            guard let p = record.partnerships[id] else { return nil }
            let context = RuleContext(record: record, partnership: p, period: period, reportDate: reportDate)
            return PartnershipRules(id: id, thresholds: context.thresholds, rules: context.evaluate())
        }
        return Compliance(partnerships: rows)
    }
}

/// What the rules of one partnership look at.
struct RuleContext {
    let record: PartnershipRecord
    let partnership: PartnershipRecord.Partnership
    let reportDate: CalendarDate?
    let thresholds: Thresholds
    let visits: [PartnershipRecord.Visit]
    let debriefs: [PartnershipRecord.Debrief]
    let sides: PartnershipSides

    init(record: PartnershipRecord, partnership: PartnershipRecord.Partnership, period: ReportPeriod, reportDate: CalendarDate?) {
        self.record = record
        self.partnership = partnership
        self.reportDate = reportDate
        thresholds = Thresholds.inForce(for: partnership.id, in: record)
        let visits = record.visits(of: partnership.id).filter { period.contains($0.start) }
        self.visits = visits
        let ids = Set(visits.map(\.id))
        debriefs = record.debriefs(of: partnership.id).filter { ids.contains($0.visit) }
        sides = PartnershipSides(partnership, orgs: record.orgs)
    }

    func evaluate() -> [RuleResult] {
        [r1DebriefHeld(), r2DebriefReachesOthers(), r3SystemLearning(), r4SeniorInvolvement(),
         r5MissionBidirectional(), r6MissionEndorsed(), r7MissionFresh(), r8TwoWayFlow(),
         r9HostLedNeeds(), r10HostConfirmed(), r11Briefed()]
    }

    func result(_ id: String, _ status: RuleResult.Status, _ reason: String, _ evidence: [Int]) -> RuleResult {
        RuleResult(id: id, name: Compliance.ruleNames[id] ?? id, status: status, reason: reason, evidence: evidence)
    }

    func policySeqs(_ names: String...) -> [Int] { names.compactMap { thresholds.sources[$0] } }

    /// "3 visits" / "1 visit".
    func count(_ n: Int, _ noun: String) -> String { "\(n) \(noun)\(n == 1 ? "" : "s")" }

    func list(_ items: [String]) -> String {
        let shown = items.prefix(5).joined(separator: ", ")
        return items.count > 5 ? shown + " and \(items.count - 5) more" : shown
    }
}
