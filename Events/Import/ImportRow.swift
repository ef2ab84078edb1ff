import MutualLedger

/// One CSV row turned into an event draft, with its row number (header = row 1).
///
/// ```swift
/// let rows = try VisitImport.parse(text)
/// let signed = try ImportRow.signAndCheck(rows, ledger: ledger, key: key)   // all rows, or the first bad one
/// _ = try ledger.append(signed)                                            // one write, one fsync
/// ```
public struct ImportRow: Sendable, Equatable {
    public var number: Int
    public var draft: EventDraft

    public init(number: Int, draft: EventDraft) {
        self.number = number
        self.draft = draft
    }

    /// Signs every row with `key`, then checks them in order against the ledger as it stands
    /// (each row after the ones before it). A refused row fails the whole import, naming its row number.
    public static func signAndCheck<Rules: LedgerRules>(_ rows: [ImportRow], ledger: Ledger<Rules>, key: SigningKey) throws(LedgerError) -> [SignedEvent] {
        var signed: [SignedEvent] = []
        for row in rows {
            do throws(LedgerError) {
                signed.append(try ledger.sign(type: row.draft.type, schema: row.draft.schema, body: row.draft.body,
                                              partnership: row.draft.partnership, occurred: row.draft.occurred, key: key))
            } catch {
                throw Ledger<Rules>.refusal(error, label: "row \(row.number)")
            }
        }
        let events = signed
        try ledger.withCurrentState { (start: LedgerFold<Rules>) throws(LedgerError) in
            var fold = start
            for (row, event) in zip(rows, events) {
                let line = LedgerLine(seq: fold.count, prev: fold.lastHash, signed: event)
                do throws(LedgerError) {
                    try fold.check(line, checkSignature: true)
                } catch {
                    let refused = Ledger<Rules>.refusal(error, label: "row \(row.number)")
                    throw LedgerError(refused.code, refused.message + "; nothing was imported")
                }
                fold.apply(line, hash: LedgerLine.hash(of: line.bytes))
            }
        }
        return signed
    }

    /// Parses, checks and appends a whole import in one batch (one write, one fsync), or nothing.
    public static func importAll<Rules: LedgerRules>(_ rows: [ImportRow], ledger: Ledger<Rules>, key: SigningKey) throws(LedgerError) -> [AppendOutcome] {
        let signed = try signAndCheck(rows, ledger: ledger, key: key)
        return try ledger.append(signed)
    }
}
