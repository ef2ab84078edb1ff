import MutualLedger
import Projections
import Testing

@Suite struct ReciprocityTests {
    /// (measure, aToB, bToA, balance in thousandths or nil) over all time, computed by hand from Fixture.
    static let allTime: [(String, Int, Int, Int?)] = [
        ("visits", 2, 1, -333), ("travellers", 5, 1, -667), ("personDays", 16, 0, -1000), ("remoteDays", 0, 3, 1000),
        ("seniorTravellers", 1, 0, -1000), ("learningItems", 1, 2, 333), ("systemLearningItems", 1, 1, 0),
        ("innovationsShared", 1, 1, 0), ("innovationsAdopted", 0, 1, 1000),
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
        // mean |b| = (333+667+1000+1000+1000+333+0+0+1000)/9 = 592.6 → 0.593; score 0.407
        #expect(doc.reciprocity?.partnerships.first?.score == 407)
        #expect(doc.reciprocity?.totalScore == 407)
    }

    /// Period 2025-02-01..2025-12-31 keeps v2 and v3 (by start date), i1 and i2 (shared 02-01, 02-10).
    static let period: [(String, Int, Int, Int?)] = [
        ("visits", 1, 1, 0), ("travellers", 3, 1, -500), ("personDays", 6, 0, -1000), ("remoteDays", 0, 3, 1000),
        ("seniorTravellers", 0, 0, nil), ("learningItems", 0, 1, 1000), ("systemLearningItems", 0, 1, 1000),
        ("innovationsShared", 1, 1, 0), ("innovationsAdopted", 0, 1, 1000),
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
        ("visits", 2, 1, -333), ("learningItems", 1, 1, 0), ("systemLearningItems", 1, 0, -1000),
    ]

    @Test(arguments: corrected)
    func measureAfterCorrections(_ expected: (String, Int, Int, Int?)) throws {
        let fixture = try Fixture(.corrections)
        defer { fixture.remove() }
        let m = try #require(try fixture.report(.reciprocity).reciprocity?.partnerships.first?.measures[expected.0])
        #expect((m.aToB, m.bToA, m.balance) == (expected.1, expected.2, expected.3))
    }

    /// As of 2025-02-28: only v1, i1 and i2 (not yet adopted).
    static let asOf: [(String, Int, Int, Int?)] = [
        ("visits", 1, 0, -1000), ("travellers", 2, 0, -1000), ("personDays", 10, 0, -1000), ("remoteDays", 0, 0, nil),
        ("learningItems", 1, 1, 0), ("innovationsShared", 1, 1, 0), ("innovationsAdopted", 0, 0, nil),
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

    @Test(arguments: [(1, 3, 333), (-2, 3, -667), (1, 2, 500), (-1, 2, -500), (0, 5, 0), (5333, 9000, 593)])
    func decimalRounding(_ n: Int, _ d: Int, _ expected: Int) {
        #expect(Decimal3.ratio(n, d) == expected)
    }

    @Test(arguments: [(-667, "-0.667"), (0, "0.000"), (1000, "1.000"), (-5, "-0.005"), (407, "0.407")])
    func decimalText(_ value: Int, _ text: String) {
        #expect(Decimal3.text(value) == text)
    }
}
