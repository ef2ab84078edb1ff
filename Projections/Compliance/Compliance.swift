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
        // Each partnership's rules read only the record: they are evaluated side by side.
        let rows = Concurrently.map(ids.count) { index -> PartnershipRules? in
            guard let p = record.partnerships[ids[index]] else { return nil }
            let context = RuleContext(record: record, partnership: p, period: period, reportDate: reportDate)
            return PartnershipRules(id: ids[index], thresholds: context.thresholds, rules: context.evaluate())
        }
        return Compliance(partnerships: rows.compactMap { $0 })
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
        // What `record.visits(of:)` and `record.debriefs(of:)` give, filtered to the period, with
        // each visit and debrief copied once: a debrief whose visit is in `ids` has a visit.
        var visits = record.visits.values.filter { $0.partnership == partnership.id && period.contains($0.start) }
        visits.sort { $0.seq < $1.seq }
        self.visits = visits
        var ids = Set<String>(minimumCapacity: visits.count)
        for visit in visits { ids.insert(visit.id) }
        debriefs = record.debriefs.filter { $0.partnership == partnership.id && ids.contains($0.visit) }.sorted { $0.seq < $1.seq }
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
