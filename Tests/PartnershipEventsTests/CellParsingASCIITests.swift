import MutualLedger
@testable import PartnershipEvents
import Testing

/// The byte-wise forms of the cell parsers must give what the `Character`-wise forms give.
@Suite("Cell parsing, ASCII fast path")
struct CellParsingASCIITests {
    static let cells = [
        "", " ", "p-017", "  p-017:nurse:senior  ", "\tx\u{0B}\u{0C}", "a\r\nb", "\r\n a \r\n", "a;b;;c",
        " a ; b \n c ", "a\nb\r\nc\rd", "::", " :a: ", "ünï ; cödé", "\u{00A0}nbsp\u{00A0}", "a\u{2028}b", "x:y:z:w",
        "p-1:midwife:junior ;\r\np-2:manager:mid", "\u{1C}a\u{1F}",
    ]

    @Test("trimmed equals trimmingWhitespace", arguments: cells)
    func trimmed(cell: String) {
        #expect(CellParsing.trimmed(cell) == String(cell.trimmingWhitespace))
    }

    @Test("items equal the Character-wise items", arguments: cells)
    func items(cell: String) {
        for separators: Set<Character> in [[";", "\n"], ["\n"]] {
            #expect(CellParsing.items(cell, separators: separators) == CellParsing.unicodeItems(cell, separators: separators))
        }
    }

    @Test("colon parts equal the Character-wise split, or the text is left to it", arguments: cells)
    func colonParts(cell: String) {
        let general = cell.trimmingWhitespace.split(separator: ":", omittingEmptySubsequences: false).map(String.init)
        if let fast = CellParsing.asciiColonParts(cell) {
            #expect(fast == general)
        } else {
            #expect(cell.utf8.contains { $0 >= 0x80 })
        }
    }
}
