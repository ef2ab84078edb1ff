import MutualLedger

/// Reads `visits.csv` (docs/IMPORT.md) into `visit.recorded` drafts, one per row.
/// Every row is validated; the first bad row stops the import with its row number and reason.
///
/// Columns: `partnership, visit, from, to, start, end, mode, travellers, purpose, needsIdentifiedBy, briefedBeforeDeparture`.
///
/// ```swift
/// let rows = try VisitImport.parse(text)        // [ImportRow]
/// rows.first?.draft.type                        // "visit.recorded"
/// ```
public enum VisitImport {
    public static let columns = ["partnership", "visit", "from", "to", "start", "end", "mode", "travellers",
                                 "purpose", "needsIdentifiedBy", "briefedBeforeDeparture"]

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
            "visit": CellParsing.text(cell("visit")), "from": CellParsing.text(cell("from")), "to": CellParsing.text(cell("to")),
            "start": CellParsing.text(cell("start")), "end": CellParsing.text(cell("end")), "mode": CellParsing.text(cell("mode")),
            "travellers": try CellParsing.travellers(cell("travellers")), "purpose": .string(cell("purpose")),
            "needsIdentifiedBy": CellParsing.text(cell("needsIdentifiedBy")),
            "briefedBeforeDeparture": try CellParsing.bool(cell("briefedBeforeDeparture"), field: "briefedBeforeDeparture"),
        ]
        let visit = try VisitRecorded(body: body)
        let partnership = CellParsing.trimmed(cell("partnership"))
        guard Identifier.isValid(partnership) else {
            throw LedgerError(.validation, "\"partnership\" must be a partnership id like ukug-1")
        }
        // The validated cells are already the body the typed value encodes to (it keeps every field
        // as given), so they are used as they are instead of encoding `visit` again (ImportDraftTests).
        return EventDraft(type: VisitRecorded.type, schema: VisitRecorded.schema, partnership: partnership, body: body, occurred: visit.start)
    }
}
