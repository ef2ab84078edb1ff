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

    private static func run<Rules: LedgerRules>(_ rows: [ImportRow], ledger: Ledger<Rules>, key: SigningKey, dryRun: Bool,
                                                progress: ((Int) -> Void)?) throws(LedgerError) -> [AppendOutcome] {
        // Events are built on all cores, all stamped with one reading of the clock; the first row
        // that cannot be built, in file order, is refused.
        let recorded = Timestamp(ledger.clock())
        let author = key.id
        let ids = EventID.random(count: rows.count)
        let events = try ParallelMap.tryMap(rows.count) { (index: Int) throws(LedgerError) -> Event in
            let row = rows[index]
            do throws(LedgerError) {
                return try ledger.makeEvent(type: row.draft.type, schema: row.draft.schema, body: row.draft.body,
                                            partnership: row.draft.partnership, occurred: row.draft.occurred, id: ids[index],
                                            author: author, recorded: recorded)
            } catch {
                throw Ledger<Rules>.refusal(error, label: "row \(row.number)")
            }
        }
        do throws(LedgerError) {
            return try ledger.appendSigning(events, with: key, label: { "row \(rows[$0].number)" }, dryRun: dryRun, progress: progress)
        } catch {
            // Refusals of a row name it; I/O errors of the ledger pass through as they are.
            guard error.message.hasPrefix("row ") else { throw error }
            var refused = error
            refused.message += "; nothing was imported"
            throw refused
        }
    }
}
