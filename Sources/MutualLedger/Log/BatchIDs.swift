/// The event ids of one append batch, looked up once: each id in the log as it stood before the
/// batch (on all cores, before the ordered checks start: a lookup may read the `ids` cache table
/// from disk), and the ids the batch itself has added since, in memory. ``earlier(_:)`` answers
/// what `fold.ids.seq(of:)` would answer for the batch's event `index` at its turn.
///
/// ```swift
/// var ids = BatchIDs(events.map(\.id), fold: fold)   // looked up in parallel
/// if let seq = ids.earlier(0) { ... }                // already used at seq
/// ids.added(0, seq: fold.count)                      // after event 0 is admitted
/// ```
struct BatchIDs {
    /// The 128 bits of each event's id (nil: not of the UUID form, never found, as in ``EventIDIndex``).
    private let bits: [EventIDBits?]
    /// For each event, the seq its id had in the log before the batch.
    private let stored: [Int?]
    /// Ids admitted by this batch, with their seq.
    private var batch: [EventIDBits: Int] = [:]

    init<Rules>(_ ids: [String], fold: LedgerFold<Rules>) {
        let index = fold.ids
        let looked: [(EventIDBits?, Int?)]
        if ids.count >= 2 * ParallelMap.chunk {
            looked = ParallelMap.map(ids.count) { (EventIDIndex.bits(ids[$0]), index.seq(of: ids[$0])) }
        } else {
            looked = ids.map { (EventIDIndex.bits($0), index.seq(of: $0)) }
        }
        bits = looked.map(\.0)
        stored = looked.map(\.1)
        batch.reserveCapacity(ids.count)
    }

    /// The seq at which event `index`'s id is already used: in the log before the batch, or by an
    /// earlier event of the batch.
    func earlier(_ index: Int) -> Int? {
        if let seq = stored[index] { return seq }
        guard let key = bits[index] else { return nil }
        return batch[key]
    }

    /// The seq the log held event `index`'s id at before the batch (for idempotent resubmission).
    func stored(_ index: Int) -> Int? { stored[index] }

    /// Records that event `index` was admitted at `seq`.
    mutating func added(_ index: Int, seq: Int) {
        guard let key = bits[index] else { return }
        batch[key] = seq
    }
}
