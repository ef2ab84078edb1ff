import MutualLedger

/// One CSV row turned into an event draft, with its row number (header = row 1).
///
/// ```swift
/// let rows = try VisitImport.parse(text)
/// try ImportRow.checkAll(rows, ledger: ledger, key: key)                   // --dry-run: all rows, or the first bad one
/// let outcomes = try ImportRow.importAll(rows, ledger: ledger, key: key)   // one write, one fsync
/// ```
public struct ImportRow: Sendable, Equatable {
    public var number: Int
    public var draft: EventDraft

    public init(number: Int, draft: EventDraft) {
        self.number = number
        self.draft = draft
    }

    /// Signs every row with `key` and checks them in order against the ledger as it stands (each
    /// row after the ones before it), appending nothing (`--dry-run`). A refused row fails the
    /// whole import, naming its row number.
    public static func checkAll<Rules: LedgerRules>(_ rows: [ImportRow], ledger: Ledger<Rules>, key: SigningKey,
                                                    progress: ((Int) -> Void)? = nil) throws(LedgerError) {
        _ = try run(rows, ledger: ledger, key: key, dryRun: true, progress: progress)
    }

    /// Signs, checks and appends a whole import in one batch (one write, one fsync), or nothing.
    /// Rows are signed on all cores while they are checked in order (``Ledger/appendSigning(_:with:label:dryRun:progress:)``).
    @discardableResult
    public static func importAll<Rules: LedgerRules>(_ rows: [ImportRow], ledger: Ledger<Rules>, key: SigningKey,
                                                     progress: ((Int) -> Void)? = nil) throws(LedgerError) -> [AppendOutcome] {
        try run(rows, ledger: ledger, key: key, dryRun: false, progress: progress)
    }

    /// ``checkAll(_:ledger:key:progress:)`` of a whole CSV, a window of rows at a time (``window``).
    public static func checkAll<Rules: LedgerRules>(_ batch: ImportBatch, ledger: Ledger<Rules>, key: SigningKey, window: Int = ImportRow.window,
                                                    progress: ((Int) -> Void)? = nil) throws(LedgerError) {
        _ = try run(count: batch.count, window: window, rows: batch.rows, ledger: ledger, key: key, dryRun: true, progress: progress)
    }

    /// ``importAll(_:ledger:key:progress:)`` of a whole CSV, built, signed and checked a window of
    /// rows at a time (``window``): only the encoded lines of the rows before wait in memory, and
    /// nothing is written until every row has passed (then one write, one fsync).
    @discardableResult
    public static func importAll<Rules: LedgerRules>(_ batch: ImportBatch, ledger: Ledger<Rules>, key: SigningKey, window: Int = ImportRow.window,
                                                     progress: ((Int) -> Void)? = nil) throws(LedgerError) -> [AppendOutcome] {
        try run(count: batch.count, window: window, rows: batch.rows, ledger: ledger, key: key, dryRun: false, progress: progress)
    }

    /// Rows built, signed and checked at a time by the ``ImportBatch`` forms.
    public static let window = 8192

    private static func run<Rules: LedgerRules>(_ rows: [ImportRow], ledger: Ledger<Rules>, key: SigningKey, dryRun: Bool,
                                                progress: ((Int) -> Void)?) throws(LedgerError) -> [AppendOutcome] {
        try run(count: rows.count, window: max(1, rows.count), rows: { Array(rows[$0]) }, ledger: ledger, key: key, dryRun: dryRun, progress: progress)
    }

    private static func run<Rules: LedgerRules>(count: Int, window: Int, rows: (Range<Int>) throws(LedgerError) -> [ImportRow],
                                                ledger: Ledger<Rules>, key: SigningKey, dryRun: Bool,
                                                progress: ((Int) -> Void)?) throws(LedgerError) -> [AppendOutcome] {
        // Events are built on all cores, all stamped with one reading of the clock; the first row
        // that cannot be built, in file order, is refused.
        let recorded = Timestamp(ledger.clock())
        let author = key.id
        func build(_ window: [ImportRow]) throws(LedgerError) -> [Event] {
            let ids = EventID.random(count: window.count)
            return try ParallelMap.tryMap(window.count) { (index: Int) throws(LedgerError) -> Event in
                let row = window[index]
                do throws(LedgerError) {
                    return try ledger.makeEvent(type: row.draft.type, schema: row.draft.schema, body: row.draft.body,
                                                partnership: row.draft.partnership, occurred: row.draft.occurred, id: ids[index],
                                                author: author, recorded: recorded)
                } catch {
                    throw Ledger<Rules>.refusal(error, label: "row \(row.number)")
                }
            }
        }
        // Row numbers of the window being checked, for the refusals' labels, and where it starts.
        var numbers: [Int] = []
        var windowStart = 0
        var built = 0
        do throws(LedgerError) {
            return try ledger.appendSigning(count: count, window: window, events: { (range: Range<Int>) throws(LedgerError) -> [Event] in
                let window = try rows(range)
                let events = try build(window)
                numbers = window.map(\.number)
                windowStart = range.lowerBound
                built = range.upperBound
                return events
            }, with: key, label: { "row \(numbers[$0 - windowStart])" }, dryRun: dryRun, progress: progress)
        } catch {
            // What the steps in order would report: a row whose cells do not make an event, anywhere
            // in the file, comes before anything the ledger refuses. Only a failing import pays for
            // building the rows it had not reached.
            var start = built
            while start < count {
                let range = start..<min(count, start + window)
                _ = try build(try rows(range))
                start = range.upperBound
            }
            // Refusals of a row name it; I/O errors of the ledger pass through as they are.
            guard error.message.hasPrefix("row ") else { throw error }
            var refused = error
            refused.message += "; nothing was imported"
            throw refused
        }
    }
}
