import Foundation
import MutualLedger
import Projections
import Testing

@Suite struct RenderTests {
    static let cases: [(ReportDocument.Kind, ReportFormat)] = ReportDocument.Kind.allCases.flatMap { kind in
        ReportFormat.allCases.map { (kind, $0) }
    }

    func doc(_ fixture: Fixture, _ kind: ReportDocument.Kind) throws -> ReportDocument {
        try fixture.report(kind, partnership: kind == .partnership ? "p1" : nil)
    }

    @Test(arguments: cases)
    func rerunsAreByteIdentical(_ c: (ReportDocument.Kind, ReportFormat)) throws {
        let fixture = try Fixture(.corrections)
        defer { fixture.remove() }
        let first = try doc(fixture, c.0).render(c.1)
        let second = try doc(fixture, c.0).render(c.1)
        #expect(first == second)
        #expect(first.last == 0x0a)
    }

    @Test(arguments: ReportDocument.Kind.allCases)
    func jsonParses(_ kind: ReportDocument.Kind) throws {
        let fixture = try Fixture()
        defer { fixture.remove() }
        let value = try ReportJSON.parse(try doc(fixture, kind).render(.json).dropLast())
        #expect(value["report"]?.stringValue == kind.rawValue)
        #expect(value["position"]?["count"]?.intValue == 18)
        #expect(value["position"]?["checkpoint"]?.isNull == true)
        let p = try #require(value["partnerships"]?.arrayValue?.first)
        #expect(p["id"] == "p1")
        if kind == .reciprocity || kind == .partnership {
            #expect(p["measures"]?["visits"]?["aToB"] == 2)
            #expect(p["measures"]?["visits"]?["bToA"] == 1)
            // ReportJSON.parse reads each fixed-point number as a string of its text.
            #expect(p["measures"]?["visits"]?["balance"] == "-0.333")
            #expect(p["measures"]?["remoteDays"]?["balance"] == "1.000")
            #expect(p["measures"]?["systemLearningItems"]?["balance"] == "0.000")
            #expect(p["reciprocityScore"] == "0.407")
        }
        if kind == .compliance || kind == .partnership {
            let rules = try #require(p["rules"]?.arrayValue)
            #expect(rules.count == 11)
            #expect(rules[0]["id"] == "R1")
            #expect(rules[0]["status"] == "fail")
            #expect(rules[0]["evidence"] == [9, 10])
            #expect(rules[2]["status"] == "pass")
        }
        if kind == .innovations {
            #expect(p["innovations"]?.arrayValue?.count == 2)
            #expect(p["innovations"]?.arrayValue?.first?["statuses"]?.arrayValue?.first?["status"] == "adopted")
        }
    }

    /// M2: balances and scores are JSON numbers with exactly three decimals (issue 4: numbers in [-1, 1]).
    @Test(arguments: [ReportDocument.Kind.reciprocity, .partnership])
    func balancesAndScoresAreJSONNumbers(_ kind: ReportDocument.Kind) throws {
        let fixture = try Fixture()
        defer { fixture.remove() }
        let bytes = try doc(fixture, kind).render(.json)
        let text = String(decoding: bytes, as: UTF8.self)
        #expect(text.contains(#""visits":{"aToB":2,"bToA":1,"balance":-0.333,"evidence":[6,9,11]}"#))
        #expect(text.contains(#""balance":1.000,"#) && text.contains(#""balance":0.000,"#))
        #expect(text.contains(#""reciprocityScore":0.407"#))
        #expect(!text.contains(#""balance":""#) && !text.contains(#""reciprocityScore":""#))
        // An independent parser reads them as numbers.
        let root = try #require(try JSONSerialization.jsonObject(with: Data(bytes)) as? [String: Any])
        let p = try #require((root["partnerships"] as? [[String: Any]])?.first)
        let visits = try #require((p["measures"] as? [String: Any])?["visits"] as? [String: Any])
        #expect((visits["balance"] as? NSNumber)?.doubleValue == -0.333)
        #expect((p["reciprocityScore"] as? NSNumber)?.doubleValue == 0.407)
        let seniors = try #require((p["measures"] as? [String: Any])?["seniorTravellers"] as? [String: Any])
        #expect((seniors["balance"] as? NSNumber)?.doubleValue == -1)
    }

    @Test(arguments: ["{\"b\":-0.333,\"a\":[1.000,0,\"x 1.5\\\"2.5\"],\"c\":true}"])
    func readingReportJSONQuotesOnlyFractionalNumbers(_ text: String) throws {
        let value = try ReportJSON.parse(Array(text.utf8))
        #expect(value == ["a": ["1.000", 0, "x 1.5\"2.5"], "b": "-0.333", "c": true])
        let written: ReportJSON = .object(["b": .decimal3(-333), "a": .array([.decimal3(1000), .integer(0), .string("x 1.5\"2.5")]),
                                           "c": .value(true)])
        #expect(String(decoding: written.canonicalBytes, as: UTF8.self) == #"{"a":[1.000,0,"x 1.5\"2.5"],"b":-0.333,"c":true}"#)
    }

    @Test(arguments: ReportDocument.Kind.allCases)
    func csvParsesWithTheSameColumnsOnEveryRow(_ kind: ReportDocument.Kind) throws {
        let fixture = try Fixture()
        defer { fixture.remove() }
        let text = String(decoding: try doc(fixture, kind).render(.csv), as: UTF8.self)
        let rows = try CSVReader.parse(text)
        #expect(rows.first == ["report", "partnership", "item", "aToB", "bToA", "balance", "status", "reason", "evidence"])
        #expect(rows.count > 2)
        for row in rows { #expect(row.count == 9, "\(row)") }
        if kind == .compliance {
            #expect(rows.filter { $0[1] == "p1" }.count == 11)
        }
        if kind == .reciprocity {
            #expect(rows.contains(["reciprocity", "p1", "visits", "2", "1", "-0.333", "", "", "6 9 11"]))
        }
        // Not pinned to a checkpoint (built without ReportMaker): no checkpoint row.
        #expect(rows[1][2] == "position" && rows[2][2] != "checkpoint")
    }

    @Test(arguments: [("=1+1", "'=1+1"), ("+x", "'+x"), ("-x", "'-x"), ("@SUM(A1)", "'@SUM(A1)"), ("\tx", "'\tx"),
                      ("-0.333", "-0.333"), ("a,b", "\"a,b\""), ("say \"hi\"", "\"say \"\"hi\"\"\""), ("\rx", "\"'\rx\"")])
    func csvCellsAreDefused(_ c: (String, String)) {
        #expect(ReportDocument.csvCell(c.0) == c.1)
    }

    @Test(arguments: ReportDocument.Kind.allCases)
    func htmlIsSelfContained(_ kind: ReportDocument.Kind) throws {
        let fixture = try Fixture()
        defer { fixture.remove() }
        let html = String(decoding: try doc(fixture, kind).render(.html), as: UTF8.self)
        #expect(html.hasPrefix("<!DOCTYPE html>"))
        #expect(!html.contains("http://") && !html.contains("https://"))
        #expect(!html.contains("<script") && !html.contains("@import") && !html.contains("url("))
        #expect(html.contains("@media print"))
        // The funder report shows flows and the compliance matrix for every kind but innovations.
        if kind != .innovations {
            #expect(html.contains("<svg"))
            #expect(html.contains("class=\"fail\"") && html.contains("class=\"pass\""))
            #expect(html.contains("Compliance matrix"))
        }
    }

    @Test(arguments: ReportDocument.Kind.allCases)
    func tableFitsEightyColumns(_ kind: ReportDocument.Kind) throws {
        let fixture = try Fixture()
        defer { fixture.remove() }
        let text = String(decoding: try doc(fixture, kind).render(.table), as: UTF8.self)
        for line in text.split(separator: "\n") { #expect(line.unicodeScalars.count <= 80, "\(line)") }
        #expect(text.contains("18 lines"))
    }

    @Test func otherFormatsShowOnlyTheirOwnPart() throws {
        let fixture = try Fixture()
        defer { fixture.remove() }
        let compliance = try ReportJSON.parse(try doc(fixture, .compliance).render(.json).dropLast())
        #expect(compliance["partnerships"]?.arrayValue?.first?["measures"] == nil)
        let reciprocity = try ReportJSON.parse(try doc(fixture, .reciprocity).render(.json).dropLast())
        #expect(reciprocity["partnerships"]?.arrayValue?.first?["rules"] == nil)
    }

    @Test func markdownHasTables() throws {
        let fixture = try Fixture()
        defer { fixture.remove() }
        let text = String(decoding: try doc(fixture, .partnership).render(.markdown), as: UTF8.self)
        #expect(text.contains("| visits | 2 | 1 | -0.333 |"))
        #expect(text.contains("| R10 | host-confirmed | fail |"))
    }
}

/// A strict RFC 4180 reader for the tests.
enum CSVReader {
    struct Malformed: Error {}

    static func parse(_ text: String) throws -> [[String]] {
        var rows: [[String]] = []
        var row: [String] = []
        var cell = ""
        var quoted = false
        var chars = Array(text.unicodeScalars)[...]
        while let c = chars.popFirst() {
            if quoted {
                if c == "\"" {
                    if chars.first == "\"" { cell.unicodeScalars.append("\""); chars.removeFirst() } else { quoted = false }
                } else {
                    cell.unicodeScalars.append(c)
                }
            } else if c == "\"" {
                guard cell.isEmpty else { throw Malformed() }
                quoted = true
            } else if c == "," {
                row.append(cell); cell = ""
            } else if c == "\r" {
                guard chars.popFirst() == "\n" else { throw Malformed() }
                row.append(cell); rows.append(row); row = []; cell = ""
            } else {
                cell.unicodeScalars.append(c)
            }
        }
        guard !quoted, row.isEmpty, cell.isEmpty else { throw Malformed() }
        return rows
    }
}

@Suite struct LongNamesTests {
    /// A partnership with the longest ids and long names still renders within 80 columns.
    @Test(arguments: ReportDocument.Kind.allCases)
    func tableWrapsLongIdentifiers(_ kind: ReportDocument.Kind) {
        let p = String(repeating: "p", count: 64), a = String(repeating: "a", count: 64), b = String(repeating: "b", count: 64)
        let name = String(repeating: "Long Hospital Name ", count: 8)
        let events = [
            CorrectedEventsTests.event(1, "org.registered", ["id": .string(a), "name": .string(name), "incomeGroup": "HIC"], partnership: nil),
            CorrectedEventsTests.event(2, "org.registered", ["id": .string(b), "name": .string(name), "incomeGroup": "LIC"], partnership: nil),
            CorrectedEventsTests.event(3, "partnership.registered", ["id": .string(p), "orgs": [.string(a), .string(b)], "lead": .string(a)], partnership: nil),
            CorrectedEventsTests.event(4, "visit.recorded", Fixture.visit(String(repeating: "v", count: 64), a, b, "2025-01-01", "2025-01-02", "in-person", ["senior"], "host", false), partnership: p),
            CorrectedEventsTests.event(5, "innovation.shared", Fixture.innovation(String(repeating: "i", count: 64), b, a), partnership: p),
        ]
        let slice = LedgerSlice(events: events, position: LogPosition(count: 6, lastHash: String(repeating: "0", count: 64)),
                                reportDate: CalendarDate(year: 2025, month: 3, day: 1))
        let doc = ReportDocument.build(kind, from: slice, period: .allTime, partnership: kind == .partnership ? p : nil)
        let text = String(decoding: doc.render(.table), as: UTF8.self)
        for line in text.split(separator: "\n") { #expect(line.unicodeScalars.count <= 80, "\(line)") }
        #expect(text.contains(p))
    }
}
