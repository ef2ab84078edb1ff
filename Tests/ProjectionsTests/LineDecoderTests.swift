import Foundation
import MutualLedger
import PartnershipEvents
@testable import Projections
import Testing

/// The fast line decoder against the general one (strict parser + `JSONValue` accessors).
@Suite struct LineDecoderTests {
    static func expectSameDecoding(_ lines: [[UInt8]]) throws {
        for line in lines {
            let general = try DecodedLine.general(line)
            let fast = try line.withUnsafeBytes { raw throws(LedgerError) in try DecodedLine.fast(raw) }
            #expect(fast == general, "seq \(general.seq)")
        }
    }

    @Test(arguments: [1, 2, 3, 4] as [UInt64])
    func fastEqualsGeneralOnGeneratedLedgers(_ seed: UInt64) throws {
        let ledger = try GeneratedLedger(seed: seed, steps: 300)
        defer { ledger.remove() }
        let lines = try ledger.lines()
        #expect(lines.count > 250)
        try Self.expectSameDecoding(lines)
    }

    @Test(arguments: [Fixture.Extra.none, .corrections, .policies, .missionV2, .orgCorrection])
    func fastEqualsGeneralOnEveryFixture(_ extra: Fixture.Extra) throws {
        let fixture = try Fixture(extra)
        defer { fixture.remove() }
        let lines = [UInt8](try Data(contentsOf: fixture.dir.events)).split(separator: 0x0a).map(Array.init)
        try Self.expectSameDecoding(lines)
    }

    @Test func fastEqualsGeneralOnTheSampleHistory() throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("sample-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: root) }
        let dir = LedgerDirectory(root)
        let ledger = Ledger(directory: dir, rules: PartnershipRules(), clock: { SampleHistory.genesisTime })
        _ = try SampleHistory.write(to: ledger)
        let lines = [UInt8](try Data(contentsOf: dir.events)).split(separator: 0x0a).map(Array.init)
        #expect(lines.count > 150)
        try Self.expectSameDecoding(lines)
    }

    /// The scanner itself reads plain canonical lines (so the fast path is really taken) and
    /// refuses escapes, fractions and out-of-order members (so those go to the strict parser).
    @Test func scannerReadsThePlainFormAndRefusesTheRest() throws {
        func scan(_ text: String) -> [String]? {
            let bytes = Array(text.utf8)
            return bytes.withUnsafeBytes { raw -> [String]? in
                let scanner = SpanScanner(raw)
                var keys: [String] = []
                do {
                    try scanner.members(of: 0..<raw.count) { key, _ in
                        keys.append(String(decoding: UnsafeRawBufferPointer(rebasing: raw[key]), as: UTF8.self))
                    }
                } catch {
                    return nil
                }
                return keys
            }
        }
        #expect(scan(#"{"a":1,"b":[true,null,"x"],"c":{"d":-5}}"#) == ["a", "b", "c"])
        #expect(scan(#"{"a":"x\"y"}"#) == nil)
        #expect(scan(#"{"a":1.5}"#) == nil)
        #expect(scan(#"{"b":1,"a":2}"#) == nil)
        #expect(scan(#"{"a":01}"#) == nil)
        #expect(scan(#"{"a":1234567890123456}"#) == nil)
        #expect(scan(#"{"a": 1}"#) == nil)
    }

    /// A line the scanner refuses (an escaped quote in a body string) decodes the same through the fallback.
    @Test func escapedStringsFallBackAndAgree() throws {
        let fixture = try Fixture()
        defer { fixture.remove() }
        var lines = [UInt8](try Data(contentsOf: fixture.dir.events)).split(separator: 0x0a).map(Array.init)
        // Line 13 is innovation i1; give its title an escaped quote (the line is no longer signed
        // correctly, which neither decoder checks: signatures are `mutual verify`'s job).
        let text = String(decoding: lines[13], as: UTF8.self).replacingOccurrences(of: "\"title\":\"Idea i1\"", with: #""title":"Idea \"i1\"""#)
        #expect(text.contains(#"\"i1\""#))
        lines[13] = Array(text.utf8)
        let general = try DecodedLine.general(lines[13])
        #expect(general.body == .innovation(id: "i1", origin: "lic", recipient: "hic", title: "Idea \"i1\""))
        try Self.expectSameDecoding(lines)
    }

    /// The byte-level date reader agrees with `CalendarDate(parsing:)`, valid dates and not.
    @Test(arguments: ["2024-02-29", "2023-02-29", "2100-02-29", "2000-02-29", "1970-01-01", "1969-12-31", "2025-13-01",
                      "2025-00-10", "2025-04-31", "2025-04-30", "2025-1-01", "2025-01-1x", "20250101", "2025/01/01", "9999-12-31"])
    func dateReaderAgreesWithCalendarDate(_ text: String) {
        let quoted = Array("\"\(text)\"".utf8)
        let fast = quoted.withUnsafeBytes { SpanScanner($0).date(0..<$0.count) }
        #expect(fast == CalendarDate(parsing: text))
    }

    @Test func invalidLinesGiveTheStrictParsersError() throws {
        let bad = Array(#"{"event":{},"prev":"00","seq":0}"#.utf8)
        var general: LedgerError?
        var fast: LedgerError?
        do { _ = try DecodedLine.general(bad) } catch { general = error }
        do { _ = try bad.withUnsafeBytes { raw throws(LedgerError) in try DecodedLine.fast(raw) } } catch { fast = error as? LedgerError }
        #expect(general != nil)
        #expect(fast?.message == general?.message)
    }
}
