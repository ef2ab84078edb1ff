/// The authorisation table as the Markdown table of docs/GOVERNANCE.md (a test keeps the two equal).
///
/// ```swift
/// print(Authorization.markdownTable)
/// // | Rule | Event type | Steward | Coordinator | Funder | Auditor | Rule in words |
/// ```
extension Authorization {
    public static var markdownTable: String {
        var lines = [
            "| Rule | Event type | Steward | Coordinator | Funder | Auditor | Rule in words |",
            "|---|---|---|---|---|---|---|",
        ]
        for kind in EventKind.allCases {
            let row = rule(for: kind)
            func cell(_ role: Role) -> String {
                if row.followsTarget { return "as target" }
                guard let grant = row.grants.first(where: { $0.role == role }) else { return "no" }
                return grant.scope == .anywhere ? "yes" : "own org: \(row.involvedOrgs)"
            }
            lines.append("| \(row.rule) | `\(kind.rawValue)` | \(cell(.steward)) | \(cell(.coordinator)) | \(cell(.funder)) | \(cell(.auditor)) | \(row.summary) |")
        }
        return lines.joined(separator: "\n") + "\n"
    }
}
