import MutualLedger

/// The data rows of an import CSV, read and checked as a table (header, columns, cell counts, the
/// row limit, well-formed CSV), whose drafts are built a window of rows at a time (``rows(_:)``),
/// so that a large import holds its cells and one window of drafts and events, not every row's
/// draft, event and signature at once.
///
/// ```swift
/// let batch = try VisitImport.batch(text)     // every row read; the table's errors thrown here
/// let first = try batch.rows(0..<100)         // [ImportRow]; the first bad row's error, by row number
/// ```
public struct ImportBatch: Sendable {
    /// The header row (column names).
    public let header: [String]
    /// Each data row's number (the header is row 1) and cells, in header order.
    let records: [(number: Int, cells: [String])]
    let draft: @Sendable ([String: String]) throws(LedgerError) -> EventDraft

    /// Reads `text` with the `required` columns; `draft` turns one row's cells into an event draft.
    public init(_ text: String, required: [String],
                draft: @escaping @Sendable ([String: String]) throws(LedgerError) -> EventDraft) throws(LedgerError) {
        (header, records) = try CSVTable.records(text: text, required: required)
        self.draft = draft
    }

    /// Data rows (blank lines skipped).
    public var count: Int { records.count }

    /// The rows of `range` (indices among the data rows) as drafts, built on all cores; the first
    /// bad row, in file order, stops them with `row N: ...`.
    public func rows(_ range: Range<Int>) throws(LedgerError) -> [ImportRow] {
        let records = records, header = header, draft = draft, first = range.lowerBound
        return try ParallelMap.tryMap(range.count) { (offset: Int) throws(LedgerError) -> ImportRow in
            let record = records[first + offset]
            do throws(LedgerError) {
                return ImportRow(number: record.number, draft: try draft(Dictionary(uniqueKeysWithValues: zip(header, record.cells))))
            } catch {
                throw LedgerError(error.code, "row \(record.number): \(error.message)")
            }
        }
    }
}
