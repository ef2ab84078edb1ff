/// The `markdown` format: GitHub-flavoured tables for pasting into a grant report.
///
/// ```swift
/// let text = MarkdownRenderer(doc: doc).render()
/// ```
struct MarkdownRenderer {
    let doc: ReportDocument

    func render() -> String {
        var out = ["# \(escape(doc.title))", ""]
        out.append("Period: \(doc.periodText). Point: \(doc.pointText). Report date: \(doc.reportDate?.text ?? "none").")
        out.append("")
        let checkpoint = doc.position.checkpointHead.map { " Checkpoint: size \($0.size), root `\($0.root.base64)`." } ?? ""
        out.append("Log position: \(doc.position.count) lines, last line hash `\(doc.position.lastHash)`.\(checkpoint)")
        for id in doc.partnershipIDs {
            out += ["", "## Partnership \(escape(id))", ""]
            if let row = doc.reciprocity?.partnerships.first(where: { $0.id == id }) {
                out.append("A = \(escape(row.a)) (\(escape(doc.name(row.a)))), B = \(escape(row.b)) (\(escape(doc.name(row.b)))). Reciprocity score: **\(ReportDocument.balanceText(row.score))**.")
                out.append("")
                out += measures(row.measures)
            }
            if let row = doc.compliance?.partnerships.first(where: { $0.id == id }) {
                if doc.reciprocity != nil { out.append("") }
                out += ["| Rule | Name | Status | Reason | Evidence (seq) |", "|---|---|---|---|---|"]
                for rule in row.rules {
                    out.append("| \(rule.id) | \(rule.name) | \(rule.status.rawValue) | \(escape(rule.reason)) | \(rule.evidence.map(String.init).joined(separator: ", ")) |")
                }
            }
            if let list = doc.innovations?[id], list.isEmpty {
                out.append("No innovation is recorded.")
            } else if let list = doc.innovations?[id] {
                out += ["| Innovation | Title | From → to | Shared | Status history |", "|---|---|---|---|---|"]
                for item in list {
                    let history = item.statuses.map { "\($0.date.text) \($0.status) (seq \($0.seq))" }.joined(separator: "; ")
                    out.append("| \(escape(item.id)) | \(escape(item.title)) | \(escape(item.origin)) → \(escape(item.recipient)) | \(item.shared.text) (seq \(item.seq)) | \(escape(history)) |")
                }
            }
        }
        if let reciprocity = doc.reciprocity, doc.kind == .reciprocity {
            out += ["", "## Totals", "", "Reciprocity score over all partnerships: **\(ReportDocument.balanceText(reciprocity.totalScore))**.", ""]
            out += measures(reciprocity.totals)
        }
        return out.joined(separator: "\n") + "\n"
    }

    func measures(_ measures: [String: Reciprocity.Measure]) -> [String] {
        var out = ["| Measure | A to B | B to A | Balance |", "|---|---:|---:|---:|"]
        for name in Reciprocity.measureNames {
            let m = measures[name] ?? Reciprocity.Measure()
            out.append("| \(name) | \(m.aToB) | \(m.bToA) | \(ReportDocument.balanceText(m.balance)) |")
        }
        return out
    }

    /// Escapes the characters that would break a table cell or start markup.
    func escape(_ text: String) -> String {
        var out = ""
        for ch in text {
            switch ch {
            case "|", "\\", "*", "_", "`", "[", "]", "<", ">": out.append("\\"); out.append(ch)
            case "\n", "\r": out.append(" ")
            default: out.append(ch)
            }
        }
        return out
    }
}
