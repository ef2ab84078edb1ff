import MutualLedger

/// Reads `debriefs.csv` (docs/IMPORT.md) into `debrief.recorded` drafts, one per row.
/// `learning` holds one `receivingOrg:level:kind:summary` per line and `actions` one action
/// per line (quoted cells may span lines).
///
/// Columns: `partnership, visit, held, facilitatorSeniority, travellersAttending, nonTravellersAttending, learning, actions`.
///
/// ```swift
/// let rows = try DebriefImport.parse(text)
/// rows.first?.draft.occurred?.text    // the "held" date
/// ```
public enum DebriefImport {
    public static let columns = ["partnership", "visit", "held", "facilitatorSeniority", "travellersAttending",
                                 "nonTravellersAttending", "learning", "actions"]

    public static func parse(_ text: String) throws(LedgerError) -> [ImportRow] {
        try CSVTable.importRows(text, required: columns, draft: draft)
    }

    /// The file's rows read and checked as a table, their drafts built a window at a time (``ImportBatch``).
    public static func batch(_ text: String) throws(LedgerError) -> ImportBatch {
        try ImportBatch(text, required: columns, draft: draft)
    }

    static func draft(_ cells: [String: String]) throws(LedgerError) -> EventDraft {
        func cell(_ name: String) -> String { cells[name] ?? "" }
        let body: [String: JSONValue] = [
            "visit": CellParsing.text(cell("visit")), "held": CellParsing.text(cell("held")),
            "facilitatorSeniority": CellParsing.text(cell("facilitatorSeniority")),
            "travellersAttending": try CellParsing.integer(cell("travellersAttending"), field: "travellersAttending"),
            "nonTravellersAttending": try CellParsing.integer(cell("nonTravellersAttending"), field: "nonTravellersAttending"),
            "learning": try CellParsing.learningList(cell("learning")), "actions": CellParsing.lines(cell("actions")),
        ]
        let debrief = try DebriefRecorded(body: body)
        let partnership = CellParsing.trimmed(cell("partnership"))
        guard Identifier.isValid(partnership) else {
            throw LedgerError(.validation, "\"partnership\" must be a partnership id like ukug-1")
        }
        return EventDraft(debrief, partnership: partnership, occurred: debrief.held)
    }
}
