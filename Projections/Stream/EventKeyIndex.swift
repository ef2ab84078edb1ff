import MutualLedger

/// The event ids of a ``RecordStream``'s items in item order, with a lookup from id to item
/// number, kept small: the ids in a ``ChunkedArray`` (16 bytes each; growing never copies
/// them) and an open-addressing table of 4-byte slots (item number + 1; 0 empty), linear
/// probing, at most 3/4 full. About 21-27 bytes per id, against about 100 for the
/// `[EventKey: Int]` dictionary it replaces once that was reserved for a large log (its
/// 24-byte buckets, a quarter or more of them empty, all touched by randomly placed keys).
///
/// Slots are placed by a hash keyed per process (`Hasher`), so ids crafted to collide cannot
/// make probing slow; every match is decided on all 128 bits. The table is never saved.
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
    /// Each inserted id, by item number.
    private var keys = ChunkedArray<EventKey>()
    /// Slot: item number + 1 of the id placed there; 0: empty.
    private var slots: [UInt32] = []

    public init() {}

    /// Number of ids (items).
    public var count: Int { keys.count }

    /// The item number of `key`, if it was inserted.
    public subscript(key: EventKey) -> Int? {
        guard !slots.isEmpty else { return nil }
        let mask = slots.count - 1
        var slot = Self.slot(key, mask: mask)
        while slots[slot] != 0 {
            let item = Int(slots[slot]) - 1
            if keys[item] == key { return item }
            slot = (slot + 1) & mask
        }
        return nil
    }

    /// The id of item `item` (`0 ..< count`).
    public func key(at item: Int) -> EventKey { keys[item] }

    /// Appends `key` as item ``count`` unless it is already there; returns whether it was added.
    @discardableResult
    public mutating func insertIfAbsent(_ key: EventKey) -> Bool {
        // 32-bit slots address 4 billion items; a log that large is far beyond what a report reads.
        precondition(keys.count < Int(UInt32.max) - 1, "more items than 32-bit slots can address")
        if (keys.count + 1) * 4 > slots.count * 3 { grow() }
        let mask = slots.count - 1
        var slot = Self.slot(key, mask: mask)
        while slots[slot] != 0 {
            if keys[Int(slots[slot]) - 1] == key { return false }
            slot = (slot + 1) & mask
        }
        keys.append(key)
        slots[slot] = UInt32(keys.count)
        return true
    }

    /// Equal when the same ids were inserted in the same order (the slots follow from them).
    public static func == (lhs: EventKeyIndex, rhs: EventKeyIndex) -> Bool {
        guard lhs.count == rhs.count else { return false }
        for item in 0..<lhs.count where lhs.keys[item] != rhs.keys[item] { return false }
        return true
    }

    private mutating func grow() {
        let capacity = max(1024, slots.count * 2)
        var fresh = [UInt32](repeating: 0, count: capacity)
        let mask = capacity - 1
        for stored in slots where stored != 0 {
            var slot = Self.slot(keys[Int(stored) - 1], mask: mask)
            while fresh[slot] != 0 { slot = (slot + 1) & mask }
            fresh[slot] = stored
        }
        slots = fresh
    }

    private static func slot(_ key: EventKey, mask: Int) -> Int {
        var hasher = Hasher()
        hasher.combine(key.high)
        hasher.combine(key.low)
        return hasher.finalize() & mask
    }
}
