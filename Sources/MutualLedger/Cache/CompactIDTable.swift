/// An in-memory set of 128-bit event ids, each with the seq it was recorded at, kept small:
/// the ids in insertion order in a ``ChunkedArray`` (16 bytes each; growing never copies them),
/// and an open-addressing index of 4-byte slots (position + 1; 0 empty), linear probing, at
/// most 3/4 full. About 21-27 bytes per id, against about 50 for a `[Bits: Int]` dictionary,
/// and no transient double copy of the ids when it grows.
///
/// Slots are placed by a hash keyed per process (`Hasher`), so ids crafted to collide cannot
/// make probing slow; every match is decided on the full 128 bits.
///
/// ```swift
/// var table = CompactIDTable()
/// table.insert(high: 1, low: 2, seq: 0)
/// table.seq(high: 1, low: 2)   // 0
/// table.seq(high: 1, low: 3)   // nil
/// ```
public struct CompactIDTable: Sendable {
    /// Each inserted id, by position.
    private var ids = ChunkedArray<EventIDBits>()
    /// Slot: position + 1 of the id placed there; 0: empty.
    private var slots: [UInt32] = []
    /// Number of positions used.
    public private(set) var positions = 0
    /// The seq of position 0; later positions have consecutive seqs unless listed in ``irregular``.
    private var firstSeq = 0
    private var irregular: [Int: Int] = [:]
    /// Positions whose id was inserted again later (the later position holds its seq now).
    private var superseded: Set<Int> = []
    /// Ids past what 32-bit slots can address (not reached in practice: 2^32 events).
    private var overflow: [UInt64: [(low: UInt64, seq: Int)]] = [:]

    public init() {}

    /// Number of distinct ids.
    public var count: Int { positions - superseded.count + overflow.values.reduce(0) { $0 + $1.count } }

    /// The seq the id `high, low` was inserted with, if it was.
    public func seq(high: UInt64, low: UInt64) -> Int? {
        if let position = position(high: high, low: low) { return seq(at: position) }
        return overflow[high]?.last { $0.low == low }?.seq
    }

    /// Inserts an id with its seq; an id inserted again takes the new seq.
    public mutating func insert(high: UInt64, low: UInt64, seq: Int) {
        guard positions < Int(UInt32.max) - 1 else {
            overflow[high, default: []].append((low, seq))
            return
        }
        if (positions - superseded.count + 1) * 4 > slots.count * 3 { grow() }
        let position = positions
        ids.append(EventIDBits(high: high, low: low))
        positions += 1
        if position == 0 { firstSeq = seq } else if seq != firstSeq + position { irregular[position] = seq }
        let mask = slots.count - 1
        var slot = Self.slot(high: high, low: low, mask: mask)
        while slots[slot] != 0 {
            let other = Int(slots[slot]) - 1
            if ids[other] == EventIDBits(high: high, low: low) {
                superseded.insert(other)
                break
            }
            slot = (slot + 1) & mask
        }
        slots[slot] = UInt32(position + 1)
    }

    /// The id inserted at `position` (`0 ..< positions`), as its two 64-bit halves.
    public func id(at position: Int) -> (high: UInt64, low: UInt64) {
        let id = ids[position]
        return (id.high, id.low)
    }

    /// The live ids with their seqs, in insertion order.
    public func forEach(_ body: (_ high: UInt64, _ low: UInt64, _ seq: Int) -> Void) {
        for position in 0..<positions where !superseded.contains(position) {
            let id = ids[position]
            body(id.high, id.low, seq(at: position))
        }
        for (high, entries) in overflow.sorted(by: { $0.key < $1.key }) {
            for entry in entries { body(high, entry.low, entry.seq) }
        }
    }

    // MARK: Internals

    private func seq(at position: Int) -> Int {
        irregular.isEmpty ? firstSeq + position : irregular[position] ?? firstSeq + position
    }

    private func position(high: UInt64, low: UInt64) -> Int? {
        guard !slots.isEmpty else { return nil }
        let mask = slots.count - 1
        var slot = Self.slot(high: high, low: low, mask: mask)
        while slots[slot] != 0 {
            let position = Int(slots[slot]) - 1
            if ids[position] == EventIDBits(high: high, low: low) { return position }
            slot = (slot + 1) & mask
        }
        return nil
    }

    private mutating func grow() {
        let capacity = max(1024, slots.count * 2)
        var fresh = [UInt32](repeating: 0, count: capacity)
        let mask = capacity - 1
        for stored in slots where stored != 0 {
            let id = ids[Int(stored) - 1]
            var slot = Self.slot(high: id.high, low: id.low, mask: mask)
            while fresh[slot] != 0 { slot = (slot + 1) & mask }
            fresh[slot] = stored
        }
        slots = fresh
    }

    private static func slot(high: UInt64, low: UInt64, mask: Int) -> Int {
        var hasher = Hasher()
        hasher.combine(high)
        hasher.combine(low)
        return hasher.finalize() & mask
    }
}
