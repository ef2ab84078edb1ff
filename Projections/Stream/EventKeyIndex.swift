import MutualLedger

/// The event ids of a ``RecordStream``'s items in item order, with a lookup from id to item
/// number, kept small: a ``CompactIDTable`` (the ledger's compact id table: ids in chunks, 4-byte
/// slots, keyed hashing, every match decided on all 128 bits) whose seqs are item numbers. About
/// 21-27 bytes per id, against about 100 for the `[EventKey: Int]` dictionary it replaces once that
/// was reserved for a large log. The table is never saved.
///
/// ```swift
/// var index = EventKeyIndex()
/// let key = EventKey(high: 1, low: 2)
/// index.insertIfAbsent(key)   // true: key is item 0
/// index.insertIfAbsent(key)   // false: already there, nothing changed
/// index[key]                  // 0
/// index.key(at: 0)            // key
/// ```
public struct EventKeyIndex: Sendable, Equatable {
    /// The ids with their item numbers as seqs (0, 1, 2, ...: never an id twice, so no irregular seqs).
    private var table = CompactIDTable()

    public init() {}

    /// Number of ids (items).
    public var count: Int { table.positions }

    /// The item number of `key`, if it was inserted.
    public subscript(key: EventKey) -> Int? { table.seq(high: key.high, low: key.low) }

    /// The id of item `item` (`0 ..< count`).
    public func key(at item: Int) -> EventKey {
        let id = table.id(at: item)
        return EventKey(high: id.high, low: id.low)
    }

    /// Appends `key` as item ``count`` unless it is already there; returns whether it was added.
    @discardableResult
    public mutating func insertIfAbsent(_ key: EventKey) -> Bool {
        guard self[key] == nil else { return false }
        table.insert(high: key.high, low: key.low, seq: table.positions)
        return true
    }

    /// Equal when the same ids were inserted in the same order.
    public static func == (lhs: EventKeyIndex, rhs: EventKeyIndex) -> Bool {
        guard lhs.count == rhs.count else { return false }
        for item in 0..<lhs.count where lhs.key(at: item) != rhs.key(at: item) { return false }
        return true
    }
}
