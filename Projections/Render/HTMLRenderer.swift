/// The `html` format: one self-contained page for funders (no network, no scripts, no web fonts):
/// a summary, an inline SVG chart per partnership, the compliance matrix coloured by status,
/// each finding's evidence, and a print stylesheet.
///
/// ```swift
/// let page = HTMLRenderer(doc: doc).render()   // "<!DOCTYPE html>..."
/// ```
struct HTMLRenderer {
    let doc: ReportDocument

    func render() -> String {
        let checkpoint = doc.position.checkpointHead.map { " Checkpoint: size \($0.size), root <code>\($0.root.base64)</code>." } ?? ""
        var out: [String] = [
            "<!DOCTYPE html>", "<html lang=\"en\">", "<head>", "<meta charset=\"utf-8\">",
            "<title>\(escape(doc.title))</title>", "<style>", Self.style, "</style>", "</head>", "<body>",
            "<h1>\(escape(doc.title))</h1>",
            "<p class=\"meta\">Period: \(escape(doc.periodText)). Point: \(escape(doc.pointText)). Report date: \(escape(doc.reportDate?.text ?? "none")).<br>",
            "Log position: \(doc.position.count) lines; last line hash <code>\(doc.position.lastHash)</code>.\(checkpoint)</p>",
        ]
        out += summary()
        if let compliance = doc.compliance { out += HTMLCompliance(doc: doc, compliance: compliance).matrix() }
        for id in doc.partnershipIDs {
            out.append("<section class=\"partnership\">")
            out.append("<h2>Partnership \(escape(id))</h2>")
            if let row = doc.reciprocity?.partnerships.first(where: { $0.id == id }) {
                out.append("<p>A = \(escape(row.a)) (\(escape(doc.name(row.a)))), B = \(escape(row.b)) (\(escape(doc.name(row.b)))). Reciprocity score <strong>\(ReportDocument.balanceText(row.score))</strong>.</p>")
                out.append(HTMLChart(measures: row.measures, a: row.a, b: row.b).svg())
                out += measureTable(row.measures)
            }
            if let compliance = doc.compliance, let row = compliance.partnerships.first(where: { $0.id == id }) {
                out += HTMLCompliance(doc: doc, compliance: compliance).findings(row)
            }
            if let list = doc.innovations?[id] { out += innovations(list) }
            out.append("</section>")
        }
        out += ["<footer>Computed by Mutual from the signed ledger; every number can be traced to the seqs cited.</footer>", "</body>", "</html>"]
        return out.joined(separator: "\n") + "\n"
    }

    func summary() -> [String] {
        var out = ["<h2>Summary</h2>", "<ul class=\"summary\">"]
        if let reciprocity = doc.reciprocity {
            for row in reciprocity.partnerships {
                out.append("<li>\(escape(row.id)): reciprocity score \(ReportDocument.balanceText(row.score))</li>")
            }
            if doc.kind != .partnership {
                out.append("<li>All partnerships: reciprocity score \(ReportDocument.balanceText(reciprocity.totalScore))</li>")
            }
        }
        for row in doc.compliance?.partnerships ?? [] {
            let passed = row.rules.filter { $0.status == .pass }.count
            let failed = row.rules.filter { $0.status == .fail }.count
            out.append("<li>\(escape(row.id)): \(passed) rules pass, \(failed) fail, \(row.rules.count - passed - failed) not applicable</li>")
        }
        for (id, list) in (doc.innovations ?? [:]).sorted(by: { $0.key < $1.key }) {
            let adopted = list.filter(\.reachedAdoption).count
            out.append("<li>\(escape(id)): \(list.count) innovations shared, \(adopted) adopted or scaled</li>")
        }
        if doc.partnershipIDs.isEmpty { out.append("<li>No partnership is recorded at this point.</li>") }
        out.append("</ul>")
        return out
    }

    func measureTable(_ measures: [String: Reciprocity.Measure]) -> [String] {
        var out = ["<table class=\"measures\">", "<tr><th>Measure</th><th>A to B</th><th>B to A</th><th>Balance</th><th>Evidence (seq)</th></tr>"]
        for name in Reciprocity.measureNames {
            let m = measures[name] ?? Reciprocity.Measure()
            out.append("<tr><td>\(name)</td><td class=\"n\">\(m.aToB)</td><td class=\"n\">\(m.bToA)</td><td class=\"n\">\(ReportDocument.balanceText(m.balance))</td><td class=\"ev\">\(m.evidence.map(String.init).joined(separator: " "))</td></tr>")
        }
        out.append("</table>")
        return out
    }

    func innovations(_ list: [PartnershipRecord.Innovation]) -> [String] {
        if list.isEmpty { return ["<h3>Innovations</h3>", "<p>No innovation is recorded.</p>"] }
        var out = ["<h3>Innovations</h3>", "<table>", "<tr><th>Innovation</th><th>From → to</th><th>Shared</th><th>Status history</th></tr>"]
        for item in list {
            let history = item.statuses.map { "\($0.date.text) \(escape($0.status)) (seq \($0.seq))" }.joined(separator: "<br>")
            out.append("<tr><td>\(escape(item.title))<br><small>\(escape(item.id))</small></td><td>\(escape(item.origin)) → \(escape(item.recipient))</td><td>\(item.shared.text) (seq \(item.seq))</td><td>\(history)</td></tr>")
        }
        out.append("</table>")
        return out
    }

    static let style = """
    body { font-family: sans-serif; margin: 2em auto; max-width: 60em; color: #1a1a1a; }
    h1 { font-size: 1.6em; } h2 { margin-top: 1.6em; border-bottom: 1px solid #ccc; }
    .meta { color: #555; } code { font-size: 0.8em; word-break: break-all; }
    table { border-collapse: collapse; margin: 0.8em 0; } th, td { border: 1px solid #bbb; padding: 0.25em 0.5em; text-align: left; vertical-align: top; }
    td.n { text-align: right; } td.ev { font-size: 0.8em; color: #555; }
    .pass { background: #d5f0d5; } .fail { background: #f7d4d4; } .not-applicable { background: #e8e8e8; color: #555; }
    svg { max-width: 100%; height: auto; }
    footer { margin-top: 2em; font-size: 0.8em; color: #666; }
    @media print { body { margin: 0; max-width: none; font-size: 10pt; } section.partnership { break-before: page; } table, svg { break-inside: avoid; } }
    """
}

/// Escapes text for HTML and SVG content and attribute values.
func escape(_ text: String) -> String {
    var out = ""
    for ch in text {
        switch ch {
        case "&": out += "&amp;"
        case "<": out += "&lt;"
        case ">": out += "&gt;"
        case "\"": out += "&quot;"
        case "'": out += "&#39;"
        default: out.append(ch)
        }
    }
    return out
}
