import CSV
import MutualLedger

/// A CSV file with a header row, read with the CSV library (RFC 4180 quoting: quoted cells
/// may hold commas, quotes and newlines). Cells are plain text: nothing is evaluated, so a
/// cell like `=SUM(A1:A3)` is just those characters.
///
/// Rows are numbered as a spreadsheet shows them: the header is row 1, the first data row is row 2.
///
/// ```swift
/// let table = try CSVTable(text: "visit,start\nv-1,2026-03-02\n", required: ["visit", "start"])
/// table.rows.first?.number          // 2
/// table.rows.first?.cells["visit"]  // "v-1"
/// ```
public struct CSVTable: Sendable {
    /// One data row.
    public struct Row: Sendable {
        public var number: Int
        public var cells: [String: String]
    }

    public var header: [String]
    public var rows: [Row]

    /// The most data rows one import may hold (with the 16 MiB file limit, this bounds the memory
    /// an import takes); a larger file is refused at the first row past it, before anything is signed.
    public static let maxRows = 100_000

    public init(text: String, required: [String], optional: [String] = []) throws(LedgerError) {
        try self.init(text: text, required: required, optional: optional, pieceBytes: Self.pieceBytes)
    }

    /// A text of at least this many bytes is read on all cores, in pieces of about this size
    /// (``CSVChunks``); a smaller one by one reader.
    static let pieceBytes = 1 << 20

    /// ``init(text:required:optional:)`` reading texts of `pieceBytes` or more in pieces.
    init(text: String, required: [String], optional: [String] = [], pieceBytes: Int) throws(LedgerError) {
        let (header, rows) = try Self.records(text: text, required: required, optional: optional, pieceBytes: pieceBytes)
        self.header = header
        self.rows = ParallelMap.map(rows.count) { Row(number: rows[$0].number, cells: Dictionary(uniqueKeysWithValues: zip(header, rows[$0].cells))) }
    }

    /// The header and the data rows of `text` as lists of cells with their row numbers, checked as
    /// a table (header, columns, cell counts, the row limit, well-formed CSV): what
    /// ``init(text:required:optional:)`` reads, before the cells are keyed by column.
    static func records(text: String, required: [String], optional: [String] = [],
                        pieceBytes: Int = CSVTable.pieceBytes) throws(LedgerError) -> (header: [String], rows: [(number: Int, cells: [String])]) {
        var text = text
        if text.hasPrefix("\u{FEFF}") { text.removeFirst() }
        let read = CSVChunks.read(text, size: text.utf8.count >= pieceBytes ? pieceBytes : Int.max)
        let header: [String]
        switch read.header {
        case .failure(let failure):
            throw LedgerError(.validation, "row 1: cannot read the header row (\(failure.description)); the first line must name the columns")
        case .success(let row):
            guard let row, !row.isEmpty else {
                throw LedgerError(.validation, "row 1: the file has no header row; the first line must name the columns (see docs/IMPORT.md)")
            }
            header = row
        }
        let known = Set(required + optional)
        for (index, name) in header.enumerated() {
            guard known.contains(name) else {
                throw LedgerError(.validation, "row 1: unknown column \"\(name)\"; the columns are \((required + optional).joined(separator: ", ")) (docs/IMPORT.md)")
            }
            guard header.firstIndex(of: name) == index else {
                throw LedgerError(.validation, "row 1: column \"\(name)\" appears twice; keep one")
            }
        }
        for name in required where !header.contains(name) {
            throw LedgerError(.validation, "row 1: missing column \"\(name)\"; add it (docs/IMPORT.md)")
        }
        var accepted: [(number: Int, cells: [String])] = []
        accepted.reserveCapacity(read.records.count)
        var number = 1
        for cells in read.records {
            number += 1
            if cells.allSatisfy({ $0.isEmpty }) { continue }
            guard accepted.count < Self.maxRows else {
                throw LedgerError(.validation, "row \(number): the file has more than \(Self.maxRows) data rows; split it into files of at most \(Self.maxRows) rows")
            }
            guard cells.count == header.count else {
                throw LedgerError(.validation, "row \(number): has \(cells.count) cells but the header has \(header.count); check commas and quotes")
            }
            accepted.append((number, cells))
        }
        if let error = read.error {
            throw LedgerError(.validation, "row \(number + 1): the CSV is malformed (\(error)); check its quotes and encoding (UTF-8)")
        }
        return (header, accepted)
    }

    /// Reads `text` with the `required` columns and turns every row into an ``ImportRow`` with
    /// `draft`; the first bad row stops the import, named by its row number.
    ///
    /// ```swift
    /// let rows = try CSVTable.importRows(text, required: VisitImport.columns, draft: VisitImport.draft)
    /// ```
    public static func importRows(_ text: String, required: [String],
                                  draft: @escaping @Sendable ([String: String]) throws(LedgerError) -> EventDraft) throws(LedgerError) -> [ImportRow] {
        let batch = try ImportBatch(text, required: required, draft: draft)
        return try batch.rows(0..<batch.count)
    }
}
