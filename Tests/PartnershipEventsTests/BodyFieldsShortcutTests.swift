import MutualLedger
import Testing
@testable import PartnershipEvents

/// The shortcuts of ``BodyFields``: `isBlank` must agree with `trimmingWhitespace.isEmpty` on
/// every text, and a lazily spelled ``BodyPath`` must read as the paths messages always showed.
@Suite("BodyFields shortcuts")
struct BodyFieldsShortcutTests {
    @Test("isBlank agrees with trimming whitespace", arguments: [
        "", " ", "  ", "\t", "\n", "\r\n", "\u{0B}", "\u{0C}", "\u{85}", "\u{A0}", "\u{2003}", "\u{3000}", "\u{2028}",
        " a", "a", "a ", "\ta\t", "!", "~", "\u{7F}", "\u{1F}", "\u{1C}", "\u{0}", " \u{301}", "\u{301}", "e\u{301}",
        "\u{A0}x", "\u{2003}\u{2003}", "é", "日本", "🙂", " \u{200B}", "\u{200B}", "\u{FEFF}", "\r", "\u{20}\u{20}\u{20}b",
    ])
    func blank(text: String) {
        #expect(BodyFields.isBlank(text) == text.trimmingWhitespace.isEmpty)
    }

    @Test("paths read as before: the body, an item, a member of an item")
    func paths() {
        #expect(BodyPath.root.text == "")
        #expect(BodyPath.root.name("visit") == "visit")
        let item = BodyPath.root.item("travellers", 2)
        #expect(item.text == "travellers[2]")
        #expect(item.name("cadre") == "travellers[2].cadre")
        let nested = item.item("roles", 0)
        #expect(nested.text == "travellers[2].roles[0]")
        #expect(nested.name("x") == "travellers[2].roles[0].x")
    }

    @Test("an item's error names its path")
    func itemError() {
        var body = TestLedger.visit()
        body["travellers"] = [["person": "p-1", "cadre": "nurse", "seniority": "senior"], ["person": "p-2", "cadre": "nurse", "seniority": "boss"]]
        let error = #expect(throws: LedgerError.self) { try VisitRecorded(body: body) }
        #expect(error?.message.hasPrefix("visit.recorded: \"travellers[1].seniority\" must be one of") == true)
    }
}
