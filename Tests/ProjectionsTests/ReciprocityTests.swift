import MutualLedger
import Projections
import Testing

@Suite struct ReciprocityTests {
    /// (measure, aToB, bToA, balance in thousandths or nil) over all time, computed by hand from Fixture.
    /// A = hic (HIC outranks LIC), B = lic. balance = (bToA − aToB) / (bToA + aToB).
    static let allTime: [(String, Int, Int, Int?)] = [
        ("visits", 2, 1, -333),               // A→B v1, v3; B→A v2: (1 − 2)/3
        ("travellers", 5, 1, -667),           // v1 2 + v3 3; v2 1: (1 − 5)/6
        ("personDays", 16, 0, -1000),         // v1 2×5 days + v3 (hybrid) 3×2 days; v2 is remote
        ("remoteDays", 0, 3, 1000),           // v2 03-01..03 inclusive
        ("seniorTravellers", 1, 0, -1000),    // v1's one senior
        ("learningItems", 1, 2, 333),         // received by lic: v1 system; by hic: v1 personal, v2 service: (2 − 1)/3
        ("systemLearningItems", 1, 1, 0),     // v1 system (lic), v2 service (hic)
        ("innovationsShared", 1, 1, 0),       // i2 hic→lic; i1 lic→hic
        ("innovationsAdopted", 0, 1, 1000),   // i1 adopted (seq 14)
    ]

    @Test(arguments: allTime)
    func measureAllTime(_ expected: (String, Int, Int, Int?)) throws {
        let fixture = try Fixture()
        defer { fixture.remove() }
        let row = try #require(try fixture.report(.reciprocity).reciprocity?.partnerships.first)
        #expect(row.a == "hic" && row.b == "lic")
        let m = try #require(row.measures[expected.0])
        #expect(m.aToB == expected.1)
        #expect(m.bToA == expected.2)
        #expect(m.balance == expected.3)
    }

    @Test func scoreAllTime() throws {
        let fixture = try Fixture()
        defer { fixture.remove() }
        let doc = try fixture.report(.reciprocity)
        // Exact balances: visits 1/3, travellers 4/6 = 2/3, personDays 1, remoteDays 1, seniorTravellers 1,
        // learningItems 1/3, systemLearningItems 0, innovationsShared 0, innovationsAdopted 1.
        // mean |b| = (16/3)/9 = 16/27 = 0.5926; score 11/27 = 0.4074 → 0.407
        #expect(doc.reciprocity?.partnerships.first?.score == 407)
        #expect(doc.reciprocity?.totalScore == 407)
    }

    /// Period 2025-02-01..2025-12-31 keeps v2 and v3 (by start date), i1 and i2 (shared 02-01, 02-10).
    static let period: [(String, Int, Int, Int?)] = [
        ("visits", 1, 1, 0),                  // v3; v2
        ("travellers", 3, 1, -500),           // (1 − 3)/4
        ("personDays", 6, 0, -1000),          // v3 3×2
        ("remoteDays", 0, 3, 1000),           // v2
        ("seniorTravellers", 0, 0, nil),      // v1, the only senior, starts before the period
        ("learningItems", 0, 1, 1000),        // only v2's debrief (hic, service) belongs to the period
        ("systemLearningItems", 0, 1, 1000),
        ("innovationsShared", 1, 1, 0),       // i2; i1
        ("innovationsAdopted", 0, 1, 1000),   // i1
    ]

    @Test(arguments: period)
    func measureInPeriod(_ expected: (String, Int, Int, Int?)) throws {
        let fixture = try Fixture()
        defer { fixture.remove() }
        let period = ReportPeriod(from: Fixture.day("2025-02-01"), to: Fixture.day("2025-12-31"))
        let m = try #require(try fixture.report(.reciprocity, period: period).reciprocity?.partnerships.first?.measures[expected.0])
        #expect((m.aToB, m.bToA, m.balance) == (expected.1, expected.2, expected.3))
    }

    /// Correction of v2 changes nothing measured; retraction of debrief seq 10 removes hic's service item.
    static let corrected: [(String, Int, Int, Int?)] = [
        ("visits", 2, 1, -333),               // as all time
        ("learningItems", 1, 1, 0),           // v1's lic/system and hic/personal remain
        ("systemLearningItems", 1, 0, -1000), // only v1's lic/system remains
    ]

    @Test(arguments: corrected)
    func measureAfterCorrections(_ expected: (String, Int, Int, Int?)) throws {
        let fixture = try Fixture(.corrections)
        defer { fixture.remove() }
        let m = try #require(try fixture.report(.reciprocity).reciprocity?.partnerships.first?.measures[expected.0])
        #expect((m.aToB, m.bToA, m.balance) == (expected.1, expected.2, expected.3))
    }

    /// As of 2025-02-28: only v1 (and its confirmation and debrief), i1 and i2 (i1's adoption is dated 04-01).
    static let asOf: [(String, Int, Int, Int?)] = [
        ("visits", 1, 0, -1000),              // v1
        ("travellers", 2, 0, -1000),
        ("personDays", 10, 0, -1000),         // 2×5
        ("remoteDays", 0, 0, nil),            // v2 (occurred 03-03) is not yet in
        ("learningItems", 1, 1, 0),           // v1's debrief: lic/system, hic/personal
        ("innovationsShared", 1, 1, 0),
        ("innovationsAdopted", 0, 0, nil),
    ]

    @Test(arguments: asOf)
    func measureAsOf(_ expected: (String, Int, Int, Int?)) throws {
        let fixture = try Fixture()
        defer { fixture.remove() }
        let doc = try fixture.report(.reciprocity, .asOf(Fixture.day("2025-02-28")))
        #expect(doc.reportDate == Fixture.day("2025-02-28"))
        #expect(doc.position.count == 18)
        let m = try #require(doc.reciprocity?.partnerships.first?.measures[expected.0])
        #expect((m.aToB, m.bToA, m.balance) == (expected.1, expected.2, expected.3))
    }

    /// H4: correcting lic's incomeGroup from LIC to HIC (a ledger-level event, envelope partnership null)
    /// makes both orgs HIC, so A is the lead org, lic. Flows are then counted from lic's side:
    /// visits lic→hic 1 (v2) and hic→lic 2 (v1, v3), balance (2 − 1)/3 = 0.333.
    @Test func correctingAnOrgsIncomeGroupChangesWhichOrgIsA() throws {
        let fixture = try Fixture(.orgCorrection)
        defer { fixture.remove() }
        let row = try #require(try fixture.report(.reciprocity).reciprocity?.partnerships.first)
        #expect(row.a == "lic" && row.b == "hic")
        let visits = try #require(row.measures["visits"])
        #expect((visits.aToB, visits.bToA, visits.balance) == (1, 2, 333))
        // Score from the same exact balances as scoreAllTime (each |balance| is unchanged by swapping A and B): 0.407.
        #expect(row.score == 407)
    }

    /// M3: the score comes from exact balances, rounded once (half away from zero).
    /// (measures as (aToB, bToA), expected score in thousandths, with the arithmetic)
    static let scores: [([(Int, Int)], Int?)] = [
        ([(1, 0), (1, 2)], 333),          // |−1| and 1/3: mean 2/3, score 1/3 = 0.3333 → 0.333
        ([(1, 5), (5, 5)], 667),          // 2/3 and 0: mean 1/3, score 2/3 = 0.6667 → 0.667 (from rounded 0.667: 0.666)
        ([(7, 9), (5, 5)], 938),          // 1/8 and 0: mean 1/16, score 0.9375, a tie → 0.938 (from rounded 0.125: 0.937)
        ([(1, 0)], 0),                    // −1: score 0
        ([(3, 3)], 1000),                 // 0: score 1
        ([(0, 0), (2, 1)], 667),          // null measure left out; 1/3: score 2/3 → 0.667
        ([(0, 0)], nil),                  // every measure null
        ([(1_000_003, 999_983), (65_537, 65_539), (4_294_967_291, 4_294_967_279), (9_999_991, 9_999_973),
          (104_729, 104_723), (7_919, 7_907), (1_299_709, 1_299_689), (15_485_863, 15_485_857), (2, 1)], 963),   // products beyond 64 bits; exact value 0.96287… → 0.963
    ]

    @Test(arguments: scores)
    func scoreIsExact(_ c: ([(Int, Int)], Int?)) {
        var measures: [String: Reciprocity.Measure] = [:]
        for (name, m) in zip(Reciprocity.measureNames, c.0) { measures[name] = Reciprocity.Measure(aToB: m.0, bToA: m.1) }
        #expect(Reciprocity.score(measures) == c.1)
        #expect(ExactScore.thousandths(c.0.map { (aToB: $0.0, bToA: $0.1) }) == c.1)
    }

    @Test func naturalArithmetic() {
        let big = Natural(UInt64.max) * Natural(UInt64.max)      // 2^128 − 2^65 + 1
        #expect(Natural(UInt64.max) < big)
        #expect(big < big + Natural(1))
        #expect(!(big < big))
        #expect(Natural(1 << 32) * Natural(1 << 32) + Natural(0) == Natural(1 << 63) + Natural(1 << 63))
    }

    @Test(arguments: [(1, 3, 333), (-2, 3, -667), (1, 2, 500), (-1, 2, -500), (0, 5, 0), (5333, 9000, 593)])
    func decimalRounding(_ n: Int, _ d: Int, _ expected: Int) {
        #expect(Decimal3.ratio(n, d) == expected)
    }

    @Test(arguments: [(-667, "-0.667"), (0, "0.000"), (1000, "1.000"), (-5, "-0.005"), (407, "0.407")])
    func decimalText(_ value: Int, _ text: String) {
        #expect(Decimal3.text(value) == text)
    }
}
