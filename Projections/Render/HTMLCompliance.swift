/// The compliance parts of the HTML report: the matrix (partnerships × rules, coloured by
/// status) and each partnership's findings with their evidence.
///
/// ```swift
/// let rows = HTMLCompliance(doc: doc, compliance: compliance).matrix()
/// ```
struct HTMLCompliance {
    let doc: ReportDocument
    let compliance: Compliance

    func matrix() -> [String] {
        let ids = (1...11).map { "R\($0)" }
        var out = ["<h2>Compliance matrix</h2>", "<table class=\"matrix\">",
                   "<tr><th>Partnership</th>" + ids.map { "<th>\($0)</th>" }.joined() + "</tr>"]
        for row in compliance.partnerships {
            var cells = "<tr><th>\(escape(row.id))</th>"
            for id in ids {
                let status = row.rules.first { $0.id == id }?.status ?? .notApplicable
                cells += "<td class=\"\(status.rawValue)\" title=\"\(id) \(status.rawValue)\">\(Self.mark(status))</td>"
            }
            out.append(cells + "</tr>")
        }
        out.append("</table>")
        out.append("<p class=\"meta\">" + ids.map { "\($0) \(Compliance.ruleNames[$0] ?? "")" }.joined(separator: "; ") + ". ✓ pass, ✗ fail, – not applicable.</p>")
        return out
    }

    func findings(_ row: Compliance.PartnershipRules) -> [String] {
        var out = ["<h3>Compliance findings</h3>",
                   "<p class=\"meta\">Thresholds in force: " + Thresholds.names.map { "\($0) \(row.thresholds.values[$0] ?? 0)" }.joined(separator: ", ") + ".</p>",
                   "<table class=\"findings\">", "<tr><th>Rule</th><th>Status</th><th>Finding</th><th>Evidence (seq)</th></tr>"]
        for rule in row.rules {
            out.append("<tr class=\"\(rule.status.rawValue)\"><td>\(rule.id) \(escape(rule.name))</td><td>\(rule.status.rawValue)</td><td>\(escape(rule.reason))</td><td class=\"ev\">\(rule.evidence.map(String.init).joined(separator: " "))</td></tr>")
        }
        out.append("</table>")
        return out
    }

    static func mark(_ status: RuleResult.Status) -> String {
        switch status {
        case .pass: return "✓"
        case .fail: return "✗"
        case .notApplicable: return "–"
        }
    }
}
