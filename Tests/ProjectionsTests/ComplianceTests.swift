import MutualLedger
import Projections
import Testing

@Suite struct ComplianceTests {
    /// Report date 2025-06-05 (latest effective date), default thresholds; hand-computed from Fixture.
    static let latest: [(String, RuleResult.Status, [Int])] = [
        ("R1", .fail, [9, 10]),    // due (end + 30 < 06-05): v1, v2. v1 debriefed 01-20 ≤ 02-13; v2's debrief 05-01 > 04-02: late
        ("R2", .fail, [10]),       // v2's debrief has 0 non-travellers
        ("R3", .pass, [8, 10]),    // lic received system learning (seq 8), hic service learning (seq 10)
        ("R4", .fail, [9, 11]),    // 1 of 3 visits has a senior: 100×1 < 50×3; v2, v3 have none
        ("R5", .pass, [16, 17]),   // mission version 1 (adopted: endorsed by lic) names hic and lic, personal and institutional
        ("R6", .pass, [16, 17]),   // the current mission version, 1, is endorsed by both
        ("R7", .pass, [16]),       // revised 2024-01-10; 06-05 ≤ 2026-01-10
        ("R8", .pass, [6, 9]),     // first A→B visit v1, first B→A visit v2
        ("R9", .pass, [6, 11]),    // host (v1) or joint (v3): 100×2 ≥ 50×3
        ("R10", .fail, [9]),       // v2 unconfirmed
        ("R11", .fail, [9]),       // v2 not briefed
    ]

    func rules(_ fixture: Fixture, _ point: ReportPoint = .latest, period: ReportPeriod = .allTime) throws -> [String: RuleResult] {
        let doc = try fixture.report(.compliance, point, period: period)
        let rules = try #require(doc.compliance?.partnerships.first?.rules)
        #expect(rules.map(\.id) == (1...11).map { "R\($0)" })
        return Dictionary(uniqueKeysWithValues: rules.map { ($0.id, $0) })
    }

    @Test(arguments: latest)
    func ruleAtLatest(_ expected: (String, RuleResult.Status, [Int])) throws {
        let fixture = try Fixture()
        defer { fixture.remove() }
        let rule = try #require(try rules(fixture)[expected.0])
        #expect(rule.status == expected.1, "\(rule.reason)")
        #expect(rule.evidence == expected.2)
        #expect(rule.reason.hasSuffix("."))
    }

    /// Correcting v2 (needs by host, briefed) and retracting its debrief (seq 10).
    static let corrected: [(String, RuleResult.Status, [Int])] = [
        ("R1", .fail, [9]),            // v2 is due and now has no debrief
        ("R2", .pass, [8]),            // only v1's debrief remains, with 3 non-travellers
        ("R3", .fail, [8]),            // hic no longer receives service/system learning
        ("R9", .pass, [6, 9, 11]),     // v2 now host-identified: 3 of 3
        ("R11", .pass, [6, 9, 11]),    // v2 now briefed
    ]

    @Test(arguments: corrected)
    func ruleAfterCorrections(_ expected: (String, RuleResult.Status, [Int])) throws {
        let fixture = try Fixture(.corrections)
        defer { fixture.remove() }
        let rule = try #require(try rules(fixture)[expected.0])
        #expect(rule.status == expected.1, "\(rule.reason)")
        #expect(rule.evidence == expected.2)
    }

    /// As of 2025-02-28: v1 only; mission adopted; no visit back from lic yet.
    static let asOf: [(String, RuleResult.Status, [Int])] = [
        ("R1", .pass, [8]),    // v1 ended 01-14, due (> 30 days before 02-28), debriefed 01-20
        ("R2", .pass, [8]),    // 3 non-travellers
        ("R3", .fail, [8]),    // only lic received system learning; hic's item is personal
        ("R4", .pass, [6]),    // 1 of 1 visits with a senior
        ("R8", .fail, [6]),    // no B→A visit yet
        ("R10", .pass, [7]),   // v1 confirmed by lic (the host)
        ("R11", .pass, [6]),   // v1 briefed
    ]

    @Test(arguments: asOf)
    func ruleAsOf(_ expected: (String, RuleResult.Status, [Int])) throws {
        let fixture = try Fixture()
        defer { fixture.remove() }
        let rule = try #require(try rules(fixture, .asOf(Fixture.day("2025-02-28")))[expected.0])
        #expect(rule.status == expected.1, "\(rule.reason)")
        #expect(rule.evidence == expected.2)
    }

    /// A period with no visit: visit rules are not applicable, R8 fails, mission rules still apply.
    @Test(arguments: ["R1", "R2", "R3", "R4", "R9", "R10", "R11"])
    func notApplicableWithoutVisits(_ id: String) throws {
        let fixture = try Fixture()
        defer { fixture.remove() }
        let period = ReportPeriod(from: Fixture.day("2024-01-01"), to: Fixture.day("2024-12-31"))
        let all = try rules(fixture, period: period)
        #expect(all[id]?.status == .notApplicable)
        #expect(all["R8"]?.status == .fail)
        #expect(all["R5"]?.status == .pass)
    }

    /// Policy over time: seq 18 sets seniorShareMin 30 ledger-wide, seq 19 sets 40 for p1 (1 of 3 = 33%).
    static let policies: [(Int, RuleResult.Status, [Int], Int)] = [
        (17, .fail, [9, 11], 50), (18, .pass, [6, 18], 30), (19, .fail, [9, 11, 19], 40),
    ]

    @Test(arguments: policies)
    func seniorShareFollowsPolicy(_ expected: (Int, RuleResult.Status, [Int], Int)) throws {
        let fixture = try Fixture(.policies)
        defer { fixture.remove() }
        let doc = try fixture.report(.compliance, .at(seq: expected.0))
        let row = try #require(doc.compliance?.partnerships.first)
        #expect(row.thresholds.seniorShareMin == expected.3)
        let rule = try #require(row.rules.first { $0.id == "R4" })
        #expect(rule.status == expected.1, "\(rule.reason)")
        #expect(rule.evidence == expected.2)
    }

    /// Mission rules. With v2 (seq 18, hic only, personal level) unendorsed: R5 judges adopted v1,
    /// R6 fails on v2, R7 is fresh. Without it, R7 fails after 2026-01-10 (24 months after 2024-01-10).
    static let missions: [(Fixture.Extra, String, String, RuleResult.Status, [Int])] = [
        (.missionV2, "2025-06-30", "R5", .pass, [16, 17]), (.missionV2, "2025-06-30", "R6", .fail, [18]),
        (.missionV2, "2025-06-30", "R7", .pass, [18]), (.none, "2026-01-10", "R7", .pass, [16]),
        (.none, "2026-01-11", "R7", .fail, [16]),
    ]

    @Test(arguments: missions)
    func missionRules(_ expected: (Fixture.Extra, String, String, RuleResult.Status, [Int])) throws {
        let fixture = try Fixture(expected.0)
        defer { fixture.remove() }
        let rule = try #require(try rules(fixture, .asOf(Fixture.day(expected.1)))[expected.2])
        #expect(rule.status == expected.3, "\(rule.reason)")
        #expect(rule.evidence == expected.4)
    }
}
