import MutualLedger
import PartnershipEvents
import Projections
import Testing

@Suite struct EngineTests {
    @Test(arguments: [Fixture.Extra.none, .corrections, .policies, .missionV2])
    func onePassEqualsPieces(_ extra: Fixture.Extra) throws {
        let fixture = try Fixture(extra)
        defer { fixture.remove() }
        let events = try fixture.read().events
        let projection = PartnershipRecordProjection()
        let whole = projection.fold(events)
        for cut in 0...events.count {
            let first = projection.fold(events[..<cut])
            #expect(projection.fold(events[cut...], from: first) == whole)
        }
        // In three pieces too.
        let third = events.count / 3
        let a = projection.fold(events[..<third])
        let b = projection.fold(events[third..<(2 * third)], from: a)
        #expect(projection.fold(events[(2 * third)...], from: b) == whole)
    }

    @Test func positionAndReportDate() throws {
        let fixture = try Fixture()
        defer { fixture.remove() }
        let latest = try fixture.read()
        #expect(latest.position.count == 18)
        #expect(latest.position.lastHash.count == 64)
        #expect(latest.position.checkpoint == nil)
        #expect(latest.reportDate == Fixture.day("2025-06-05"))
        let at = try fixture.read(.at(seq: 8))
        #expect(at.position.count == 9)
        #expect(at.events.map(\.seq) == Array(1...8))
        #expect(at.reportDate == Fixture.day("2025-01-20"))
        let asOf = try fixture.read(.asOf(Fixture.day("2025-02-28")))
        #expect(asOf.position == latest.position)
        #expect(asOf.events.map(\.seq) == [1, 2, 3, 4, 5, 6, 7, 8, 13, 15, 16, 17])
    }

    @Test func atBeyondTheLogIsAUsageError() throws {
        let fixture = try Fixture()
        defer { fixture.remove() }
        #expect(throws: LedgerError.self) { try fixture.read(.at(seq: 18)) }
    }

    @Test func correctionsReplaceAndRetractionsDrop() throws {
        let fixture = try Fixture(.corrections)
        defer { fixture.remove() }
        let events = try fixture.read().events
        #expect(!events.contains { $0.seq == 10 || $0.seq == 18 || $0.seq == 19 })
        let v2 = try #require(events.first { $0.seq == 9 })
        #expect(v2.event.body["needsIdentifiedBy"] == "host")
        #expect(v2.event.body["briefedBeforeDeparture"] == true)
    }

    @Test func unknownTypesAreIgnored() {
        let event = Event(id: Fixture.id(1), type: "weather.observed", schema: 1, partnership: "p1",
                          recorded: Timestamp(seconds: 0), author: KeyID(rawPublicKey: [UInt8](repeating: 0, count: 32)), body: ["x": 1])
        let projection = PartnershipRecordProjection()
        #expect(projection.fold([SequencedEvent(seq: 1, event: event)]) == PartnershipRecord())
    }
}

@Suite struct RunnerFilterTests {
    @Test(arguments: [Fixture.Extra.none, .corrections, .policies])
    func keepingOnlyNeededTypesGivesTheSameReport(_ extra: Fixture.Extra) throws {
        let fixture = try Fixture(extra)
        defer { fixture.remove() }
        let runner = ProjectionRunner(directory: fixture.dir)
        let all = try runner.read(at: .latest)
        let kept = try runner.read(at: .latest, keeping: PartnershipRecordProjection.eventTypes)
        #expect(kept.position == all.position)
        #expect(kept.reportDate == all.reportDate)
        for kind in ReportDocument.Kind.allCases {
            let a = ReportDocument.build(kind, from: all, period: .allTime, partnership: nil)
            let b = ReportDocument.build(kind, from: kept, period: .allTime, partnership: nil)
            #expect(a.render(.json) == b.render(.json))
        }
    }
}

@Suite struct CorrectedEventsTests {
    static func event(_ seq: Int, _ type: String, _ body: [String: JSONValue], partnership: String? = "p1") -> SequencedEvent {
        SequencedEvent(seq: seq, event: Event(id: Fixture.id(seq), type: type, schema: 1, partnership: partnership,
                                              recorded: Timestamp(seconds: Int64(seq)),
                                              author: KeyID(rawPublicKey: [UInt8](repeating: 0, count: 32)), body: body))
    }

    /// (events after the original at seq 1, expected body "n" of seq 1 or nil when dropped)
    static let cases: [([SequencedEvent], Int64?)] = [
        ([], 0),
        ([event(2, "event.corrected", ["target": .string(Fixture.id(1)), "body": ["n": 1], "reason": "r"])], 1),
        ([event(2, "event.corrected", ["target": .string(Fixture.id(1)), "body": ["n": 1], "reason": "r"]),
          event(3, "event.corrected", ["target": .string(Fixture.id(1)), "body": ["n": 2], "reason": "r"])], 2),
        ([event(2, "event.retracted", ["target": .string(Fixture.id(1)), "reason": "r"])], nil),
        // A retraction naming a correction is ignored: event.corrected is not retractable.
        ([event(2, "event.corrected", ["target": .string(Fixture.id(1)), "body": ["n": 1], "reason": "r"]),
          event(3, "event.retracted", ["target": .string(Fixture.id(2)), "reason": "r"])], 1),
        ([event(2, "event.corrected", ["target": "nothing", "body": ["n": 1], "reason": "r"])], 0),
    ]

    @Test(arguments: cases)
    func applies(_ c: ([SequencedEvent], Int64?)) {
        let result = CorrectedEvents.apply([Self.event(1, "visit.recorded", ["n": 0])] + c.0)
        #expect(result.allSatisfy { !$0.event.type.hasPrefix("event.") })
        #expect(result.first { $0.seq == 1 }?.event.body["n"]?.integerValue == c.1)
    }

    /// (type of the event at seq 1 and its envelope partnership, amendment at seq 2, expected body "n" or nil when dropped),
    /// following EventKind.correctable / EventKind.retractable.
    static let vocabulary: [(String, String?, String, Int64?)] = [
        ("org.registered", nil, "event.corrected", 1),            // ledger-level, correctable
        ("partnership.registered", nil, "event.corrected", 1),    // ledger-level, correctable
        ("org.registered", nil, "event.retracted", 0),            // not retractable
        ("visit.confirmed", "p1", "event.retracted", nil),        // retractable
        ("visit.confirmed", "p1", "event.corrected", 0),          // not correctable
        ("policy.set", nil, "event.corrected", 0),                // neither
        ("mission.revised", "p1", "event.retracted", 0),          // neither
        (CoreEventType.actorEnrolled, nil, "event.corrected", 0), // neither
    ]

    @Test(arguments: vocabulary)
    func followsTheVocabulary(_ c: (String, String?, String, Int64?)) {
        let original = Self.event(1, c.0, ["n": 0], partnership: c.1)
        let body: [String: JSONValue] = c.2 == "event.corrected"
            ? ["target": .string(Fixture.id(1)), "body": ["n": 1], "reason": "r"]
            : ["target": .string(Fixture.id(1)), "reason": "r"]
        let result = CorrectedEvents.apply([original, Self.event(2, c.2, body, partnership: c.1)])
        #expect(result.map(\.seq) == (c.3 == nil ? [] : [1]))
        #expect(result.first?.event.body["n"]?.integerValue == c.3)
    }

    /// Issue 3: "Readers of older schema versions are upgraded on read, so projections see only the newest shape."
    @Test func bodiesAreUpgradedBeforeProjectionsReadThem() throws {
        var upcasters = EventUpcasters()
        // A test-only schema 2 of visit.recorded in which every visit is remote.
        upcasters.register(type: "visit.recorded", from: 1) { body in body.merging(["mode": "remote"]) { $1 } }
        let fixture = try Fixture()
        defer { fixture.remove() }
        let upgraded = try ProjectionRunner(directory: fixture.dir, upcasters: upcasters).read(at: .latest)
        #expect(upgraded.events.filter { $0.event.type == "visit.recorded" }.allSatisfy { $0.event.body["mode"] == "remote" })
        let doc = ReportDocument.build(.reciprocity, from: upgraded, period: .allTime, partnership: nil)
        let m = try #require(doc.reciprocity?.partnerships.first?.measures)
        // v1 (5 days) and v3 (2 days) hic→lic now count as remote days: 5 + 2 = 7; v2 lic→hic 3; no person-days.
        #expect((m["remoteDays"]?.aToB, m["remoteDays"]?.bToA) == (7, 3))
        #expect(m["personDays"]?.balance == nil)
        // The same ledger read with the vocabulary's upcasters (none yet) is unchanged.
        let plain = try fixture.read()
        #expect(plain.events.first { $0.seq == 6 }?.event.body["mode"] == "in-person")
    }
}
