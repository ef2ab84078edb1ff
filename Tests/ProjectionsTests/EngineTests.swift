import MutualLedger
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
        ([event(2, "event.corrected", ["target": .string(Fixture.id(1)), "body": ["n": 1], "reason": "r"]),
          event(3, "event.retracted", ["target": .string(Fixture.id(2)), "reason": "r"])], 0),
        ([event(2, "event.corrected", ["target": "nothing", "body": ["n": 1], "reason": "r"])], 0),
    ]

    @Test(arguments: cases)
    func applies(_ c: ([SequencedEvent], Int64?)) {
        let result = CorrectedEvents.apply([Self.event(1, "visit.recorded", ["n": 0])] + c.0)
        #expect(result.allSatisfy { !$0.event.type.hasPrefix("event.") })
        #expect(result.first { $0.seq == 1 }?.event.body["n"]?.integerValue == c.1)
    }

    @Test func ledgerLevelEventsAreNotCorrectable() {
        let original = Self.event(1, "org.registered", ["n": 0], partnership: nil)
        let result = CorrectedEvents.apply([original, Self.event(2, "event.retracted", ["target": .string(Fixture.id(1)), "reason": "r"])])
        #expect(result == [original])
    }
}
