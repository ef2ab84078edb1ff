import Foundation
import MutualLedger
@testable import PartnershipEvents
import Testing

/// A large CSV is read in pieces on all cores (`CSVChunks`): every piece size must give exactly
/// the rows, row numbers and refusals of one reader of the whole text, whatever the quoting.
@Suite("CSV read in pieces")
struct CSVChunksTests {
    static let header = "a,b,c"

    /// Texts with every way a row can end or a field can hold a line break, comma or quote.
    static let texts: [String] = [
        "a,b,c\n1,2,3\n4,5,6\n",
        "a,b,c\r\n1,2,3\r\n4,5,6",
        "a,b,c\r1,2,3\r4,5,6\r",
        "a,b,c\n\"x,\ny\",2,3\n\n\"q\"\"uote\",\"\",\"\r\n\"\n7,8,9\n",
        "a,b,c\n1,\"stray\"quote,3\n4,ab\"c,6\n\"open\nstill \"\" open\",5,6\n",
        "a,b,c\n\"ünï\",cödé ✓,\"é\r\"\n,,\n1,2\n1,2,3,4\n",
        "\u{FEFF}a,b,c\n1,2,3\n",
        "a,b,c\n1,2,3\n\"unterminated,4,5\n6,7,8\n",
        "a,b,c\n1,2,3,\n",
        "",
        "\n1,2,3\n",
    ]

    /// The outcome of a table: its rows (number and cells in header order) or its error message.
    static func outcome(_ text: String, pieceBytes: Int) -> String {
        do {
            let table = try CSVTable(text: text, required: ["a", "b"], optional: ["c"], pieceBytes: pieceBytes)
            return table.rows.map { row in "\(row.number):" + table.header.map { row.cells[$0] ?? "-" }.joined(separator: "|") }
                .joined(separator: "\n")
        } catch {
            return "error: \(error.message)"
        }
    }

    @Test("every piece size reads what one reader reads", arguments: texts.indices)
    func piecesMatchOneReader(index: Int) {
        let text = Self.texts[index]
        let whole = Self.outcome(text, pieceBytes: Int.max)
        for size in 1...(text.utf8.count + 1) {
            #expect(Self.outcome(text, pieceBytes: size) == whole, "piece size \(size)")
        }
    }

    @Test("row starts are found where the reader starts rows, not inside quoted fields")
    func rowStarts() {
        let text = "a,b\n\"1\n2\",3\r\n4,\"5\"\"\n\"\n6,7"
        let cuts = Array(text.utf8).withUnsafeBufferPointer { CSVChunks.rowStarts($0, every: 1) }
        #expect(cuts == [0, 4, 13, 22, text.utf8.count])
    }

    @Test("a large visits file imports the same rows read in pieces as read whole")
    func largeVisitsFile() throws {
        var text = VisitImport.columns.joined(separator: ",") + "\n"
        for n in 0..<600 {
            text += "ukug-1,v-\(n),nuth,gulu-rrh,2026-03-02,2026-03-05,in-person,\"p-\(n):nurse:senior;\r\np-x:doctor:mid\","
            text += "\"Training, cohort \(n)\nsecond \"\"line\"\"\",host,\(n % 2 == 0 ? "yes" : "no")\n"
        }
        let whole = try CSVTable(text: text, required: VisitImport.columns, pieceBytes: Int.max)
        let pieces = try CSVTable(text: text, required: VisitImport.columns, pieceBytes: 997)
        #expect(whole.rows.count == 600)
        #expect(pieces.rows.map(\.number) == whole.rows.map(\.number))
        #expect(pieces.rows.map(\.cells) == whole.rows.map(\.cells))
    }
}
