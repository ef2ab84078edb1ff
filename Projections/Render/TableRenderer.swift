/// The `table` format: plain text for an 80-column terminal.
///
/// ```swift
/// print(TableRenderer(doc: doc).render())
/// ```
struct TableRenderer {
    let doc: ReportDocument
    static let width = 80

    func render() -> String {
        var out: [String] = []
        out += TextLayout.wrap(doc.title, width: Self.width)
        out += TextLayout.wrap("Period: \(doc.periodText); point: \(doc.pointText); report date: \(doc.reportDate?.text ?? "none")", width: Self.width)
        out += TextLayout.wrap(doc.positionText, width: Self.width)
        if let checkpoint = doc.checkpointText { out += TextLayout.wrap(checkpoint, width: Self.width) }
        for id in doc.partnershipIDs {
            out.append("")
            out.append(String(repeating: "=", count: Self.width))
            if let row = doc.reciprocity?.partnerships.first(where: { $0.id == id }) {
                out += reciprocity(row)
            }
            if let row = doc.compliance?.partnerships.first(where: { $0.id == id }) {
                if doc.reciprocity != nil { out.append("") }
                out += compliance(id, row)
            }
            if let list = doc.innovations?[id] { out += innovations(id, list) }
        }
        if let reciprocity = doc.reciprocity, doc.kind == .reciprocity {
            out.append("")
            out.append(String(repeating: "=", count: Self.width))
            out.append("Totals over \(reciprocity.partnerships.count) partnership\(reciprocity.partnerships.count == 1 ? "" : "s"): reciprocity score \(ReportDocument.balanceText(reciprocity.totalScore))")
            out += measureTable(reciprocity.totals)
        }
        if doc.partnershipIDs.isEmpty { out.append(""); out.append("No partnership is recorded at this point.") }
        return out.joined(separator: "\n") + "\n"
    }

    func reciprocity(_ row: Reciprocity.PartnershipBalance) -> [String] {
        var out = TextLayout.wrap("Partnership \(row.id): reciprocity score \(ReportDocument.balanceText(row.score))", width: Self.width)
        out += TextLayout.wrap("A = \(row.a) (\(doc.name(row.a))), B = \(row.b) (\(doc.name(row.b)))", width: Self.width)
        return out + measureTable(row.measures)
    }

    func measureTable(_ measures: [String: Reciprocity.Measure]) -> [String] {
        var out = [TextLayout.pad("Measure", 22) + TextLayout.padLeft("A to B", 10) + TextLayout.padLeft("B to A", 10)
                   + TextLayout.padLeft("Balance", 10)]
        out.append(String(repeating: "-", count: 52))
        for name in Reciprocity.measureNames {
            let m = measures[name] ?? Reciprocity.Measure()
            out.append(TextLayout.pad(name, 22) + TextLayout.padLeft(String(m.aToB), 10) + TextLayout.padLeft(String(m.bToA), 10)
                       + TextLayout.padLeft(ReportDocument.balanceText(m.balance), 10))
        }
        return out
    }

    func compliance(_ id: String, _ row: Compliance.PartnershipRules) -> [String] {
        var out = TextLayout.wrap("Compliance of \(id)", width: Self.width)
        out.append(TextLayout.pad("Rule", 5) + TextLayout.pad("Name", 23) + TextLayout.pad("Status", 15) + "Reason")
        out.append(String(repeating: "-", count: Self.width))
        for rule in row.rules {
            let reason = TextLayout.wrap(rule.reason + " Evidence: " + evidenceText(rule.evidence), width: Self.width - 43)
            for (index, line) in reason.enumerated() {
                let lead = index == 0
                    ? TextLayout.pad(rule.id, 5) + TextLayout.pad(rule.name, 23) + TextLayout.pad(rule.status.rawValue, 15)
                    : String(repeating: " ", count: 43)
                out.append(lead + line)
            }
        }
        return out
    }

    func innovations(_ id: String, _ list: [PartnershipRecord.Innovation]) -> [String] {
        var out = TextLayout.wrap("Innovations of \(id)", width: Self.width)
        if list.isEmpty { out.append("No innovation is recorded.") }
        for item in list {
            out += TextLayout.wrap("\(item.id): \(item.title) (\(item.origin) to \(item.recipient), shared \(item.shared.text), seq \(item.seq))", width: Self.width)
            for change in item.statuses {
                out.append("    \(change.date.text)  \(TextLayout.pad(change.status, 10)) seq \(change.seq)")
            }
        }
        return out
    }

    func evidenceText(_ seqs: [Int]) -> String {
        seqs.isEmpty ? "none." : "seq " + seqs.map(String.init).joined(separator: ", ") + "."
    }
}
