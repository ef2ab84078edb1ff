/// The `csv` format (RFC 4180): a `position` row (line count, last line hash), a `checkpoint` row
/// when the report is pinned to one (its size, and "checkpoint size N, root B64" as the other
/// formats show it), then one row per partnership and measure, rule or innovation, with
/// the same columns for every report kind. Cells that a spreadsheet would run as a formula
/// (starting with `=`, `+`, `-`, `@`, tab or CR) are prefixed with a single quote, except plain
/// decimal numbers such as `-0.333`, which cannot hold a formula.
///
/// ```swift
/// CSVRenderer.cell("=SUM(A1)")   // "'=SUM(A1)"
/// CSVRenderer.cell("a,b")        // "\"a,b\""
/// ```
struct CSVRenderer {
    let doc: ReportDocument
    static let header = ["report", "partnership", "item", "aToB", "bToA", "balance", "status", "reason", "evidence"]

    func render() -> String {
        var rows: [[String]] = [Self.header]
        let report = doc.kind.rawValue
        rows.append([report, "", "position", String(doc.position.count), "", "", "", doc.position.lastHash, ""])
        if let head = doc.position.checkpointHead, let text = doc.checkpointText {
            rows.append([report, "", "checkpoint", String(head.size), "", "", "", text, ""])
        }
        for id in doc.partnershipIDs {
            if let row = doc.reciprocity?.partnerships.first(where: { $0.id == id }) {
                for name in Reciprocity.measureNames {
                    let m = row.measures[name] ?? Reciprocity.Measure()
                    rows.append([report, id, name, String(m.aToB), String(m.bToA), m.balance.map(Decimal3.text) ?? "", "", "", seqs(m.evidence)])
                }
                rows.append([report, id, "reciprocityScore", "", "", row.score.map(Decimal3.text) ?? "", "", "", ""])
            }
            for rule in doc.compliance?.partnerships.first(where: { $0.id == id })?.rules ?? [] {
                rows.append([report, id, rule.id, "", "", "", rule.status.rawValue, rule.reason, seqs(rule.evidence)])
            }
            for item in doc.innovations?[id] ?? [] {
                let history = item.statuses.map { "\($0.date.text) \($0.status)" }.joined(separator: "; ")
                rows.append([report, id, item.id, "", "", "", item.statuses.last?.status ?? "shared",
                             "\(item.title) (\(item.origin) to \(item.recipient)): \(history)",
                             seqs([item.seq] + item.statuses.map(\.seq))])
            }
        }
        return rows.map { $0.map(Self.cell).joined(separator: ",") }.joined(separator: "\r\n") + "\r\n"
    }

    func seqs(_ values: [Int]) -> String { values.map(String.init).joined(separator: " ") }

    static func cell(_ raw: String) -> String {
        var text = raw
        if let first = text.unicodeScalars.first, ["=", "+", "-", "@", "\t", "\r"].contains(first), !isNumber(text) {
            text = "'" + text
        }
        guard text.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return text }
        return "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }

    /// A plain decimal like `-0.333` (no formula can hide in it, so it stays a number).
    static func isNumber(_ text: String) -> Bool {
        var scalars = Substring(text).unicodeScalars[...]
        if scalars.first == "-" { scalars = scalars.dropFirst() }
        let parts = String(scalars).split(separator: ".", omittingEmptySubsequences: false)
        guard (1...2).contains(parts.count) else { return false }
        return parts.allSatisfy { !$0.isEmpty && $0.unicodeScalars.allSatisfy { $0.value >= 0x30 && $0.value <= 0x39 } }
    }
}

extension ReportDocument {
    /// One CSV cell as the `csv` format writes it (formula characters defused, quoted when needed).
    ///
    /// ```swift
    /// ReportDocument.csvCell("=1+1")   // "'=1+1"
    /// ```
    public static func csvCell(_ raw: String) -> String { CSVRenderer.cell(raw) }
}
