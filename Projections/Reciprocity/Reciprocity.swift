import MutualLedger

/// The reciprocity balance of each partnership for a period (issue 4), and the totals.
///
/// ```swift
/// let report = Reciprocity.compute(record, period: .allTime, partnership: nil)
/// report.partnerships[0].measures["visits"]?.balance   // Balance, nil when both directions are 0
/// report.partnerships[0].score                         // 1000 = perfectly reciprocal (thousandths)
/// ```
public struct Reciprocity: Sendable, Equatable {
    public static let measureNames = ["visits", "travellers", "personDays", "remoteDays", "seniorTravellers",
                                      "learningItems", "systemLearningItems", "innovationsShared", "innovationsAdopted"]

    /// One measure counted in both directions, e.g. `Measure(aToB: 2, bToA: 1).balance == -333`.
    public struct Measure: Sendable, Equatable {
        public var aToB = 0
        public var bToA = 0
        /// Seqs of the events counted.
        public var evidence: [Int] = []

        public init(aToB: Int = 0, bToA: Int = 0) {
            self.aToB = aToB
            self.bToA = bToA
        }

        /// (BtoA − AtoB) / (BtoA + AtoB) in thousandths, rounded half away from zero; nil when both are 0.
        public var balance: Int? {
            let total = aToB + bToA
            guard total > 0 else { return nil }
            return Decimal3.ratio(bToA - aToB, total)
        }

        mutating func add(_ direction: PartnershipSides.Direction, _ amount: Int, seq: Int) {
            switch direction {
            case .aToB: aToB += amount
            case .bToA: bToA += amount
            }
            if evidence.last != seq { evidence.append(seq) }
        }
    }

    /// One partnership's measures, e.g. `row.measures["visits"]?.aToB`, and its score in thousandths.
    public struct PartnershipBalance: Sendable, Equatable {
        public var id: String
        public var a: String
        public var b: String
        public var measures: [String: Measure]

        /// 1 − mean |balance| over the non-null measures, in thousandths; nil when every measure is null.
        public var score: Int? { Reciprocity.score(measures) }
    }

    public var partnerships: [PartnershipBalance]
    /// Sums over the partnerships (A and B taken per partnership).
    public var totals: [String: Measure]
    public var totalScore: Int? { Self.score(totals) }

    /// 1 − mean |balance| over the non-null measures, from the exact balances, rounded once (``ExactScore``).
    ///
    /// ```swift
    /// Reciprocity.score(["visits": Measure(aToB: 1, bToA: 5), "travellers": Measure(aToB: 5, bToA: 5)])   // 667
    /// ```
    public static func score(_ measures: [String: Measure]) -> Int? {
        ExactScore.thousandths(measureNames.compactMap { measures[$0].map { (aToB: $0.aToB, bToA: $0.bToA) } })
    }

    public static func compute(_ record: PartnershipRecord, period: ReportPeriod, partnership: String?) -> Reciprocity {
        let ids = record.partnerships.keys.sorted().filter { partnership == nil || $0 == partnership }
        var rows: [PartnershipBalance] = []
        var totals: [String: Measure] = [:]
        // Each partnership's balance reads only the record: they are computed side by side.
        let balances = Concurrently.map(ids.count) { index in record.partnerships[ids[index]].map { balance(of: $0, in: record, period: period) } }
        for row in balances.compactMap({ $0 }) {
            for (name, m) in row.measures {
                totals[name, default: Measure()].aToB += m.aToB
                totals[name, default: Measure()].bToA += m.bToA
                totals[name, default: Measure()].evidence += m.evidence
            }
            rows.append(row)
        }
        for name in totals.keys { totals[name]?.evidence.sort() }
        return Reciprocity(partnerships: rows, totals: totals)
    }

    static func balance(of p: PartnershipRecord.Partnership, in record: PartnershipRecord, period: ReportPeriod) -> PartnershipBalance {
        let sides = PartnershipSides(p, orgs: record.orgs)
        // The measures by their index in `measureNames` (no dictionary lookup per event).
        var m = [Measure](repeating: Measure(), count: measureNames.count)
        let visits = 0, travellers = 1, personDays = 2, remoteDays = 3, seniorTravellers = 4
        let learningItems = 5, systemLearningItems = 6, innovationsShared = 7, innovationsAdopted = 8
        // `record.visits(of:)` in the period: the same visits in the same (seq) order, each copied once.
        var own = record.visits.values.filter { $0.partnership == p.id && period.contains($0.start) }
        own.sort { $0.seq < $1.seq }
        for index in own.indices {
            let visit = own[index]
            guard let d = sides.direction(from: visit.from, to: visit.to) else { continue }
            m[visits].add(d, 1, seq: visit.seq)
            m[travellers].add(d, visit.travellers.count, seq: visit.seq)
            if visit.mode == "remote" {
                m[remoteDays].add(d, visit.days, seq: visit.seq)
            } else {
                m[personDays].add(d, visit.travellers.count * visit.days, seq: visit.seq)
            }
            var seniors = 0
            for traveller in visit.travellers where traveller.seniority == "senior" { seniors += 1 }
            if seniors > 0 { m[seniorTravellers].add(d, seniors, seq: visit.seq) }
        }
        // `record.debriefs(of:)`: the partnership's debriefs whose visit still exists, in seq order.
        let debriefs = record.debriefs.indices.filter { record.debriefs[$0].partnership == p.id }
            .sorted { record.debriefs[$0].seq < record.debriefs[$1].seq }
        for index in debriefs {
            let debrief = record.debriefs[index]
            guard let visit = record.visits[debrief.visit], period.contains(visit.start) else { continue }
            for item in debrief.learning {
                guard let d = sides.direction(receivedBy: item.receivingOrg) else { continue }
                m[learningItems].add(d, 1, seq: debrief.seq)
                if item.isServiceOrSystem { m[systemLearningItems].add(d, 1, seq: debrief.seq) }
            }
        }
        for innovation in record.innovations.values.sorted(by: { $0.seq < $1.seq })
        where innovation.partnership == p.id && period.contains(innovation.shared) {
            guard let d = sides.direction(from: innovation.origin, to: innovation.recipient) else { continue }
            m[innovationsShared].add(d, 1, seq: innovation.seq)
            if innovation.reachedAdoption { m[innovationsAdopted].add(d, 1, seq: innovation.seq) }
        }
        let measures = Dictionary(uniqueKeysWithValues: zip(measureNames, m))
        return PartnershipBalance(id: p.id, a: sides.a, b: sides.b, measures: measures)
    }
}
