/// A hash map kept small for the states that grow with a ledger: keys and values in
/// ``ChunkedArray``s by insertion position (no per-entry allocation, no copy when growing) and
/// an open-addressing index of 4-byte slots (position + 1; 0 empty), linear probing, at most
/// 3/4 full. Keys are never removed (store an optional value to mark one gone). Slots are placed
/// by `Hasher`, seeded per process, so keys crafted to collide cannot make probing slow.
///
/// ```swift
/// var map = CompactMap<String, Int>()
/// map.set("v-1", 3)
/// map["v-1"]          // 3
/// map.count           // 1
/// ```
public struct CompactMap<Key: Hashable & Sendable, Value: Sendable>: Sendable {
    @usableFromInline var keys = ChunkedArray<Key>()
    @usableFromInline var values = ChunkedArray<Value>()
    @usableFromInline var slots: [UInt32] = []
    /// Entries past what 32-bit slots can address (not reached in practice).
    @usableFromInline var overflow: [Key: Value] = [:]

    @inlinable public init() {}

    /// Number of keys.
    @inlinable public var count: Int { keys.count + overflow.count }

    @inlinable public subscript(key: Key) -> Value? {
        if let position = position(of: key) { return values[position] }
        return overflow.isEmpty ? nil : overflow[key]
    }

    /// Sets `key` to `value`, adding the key if it is new.
    @inlinable public mutating func set(_ key: Key, _ value: Value) {
        if let position = position(of: key) {
            values[position] = value
            return
        }
        guard keys.count < Int(UInt32.max) - 1, overflow.isEmpty else {
            overflow[key] = value
            return
        }
        if (keys.count + 1) * 4 > slots.count * 3 { grow() }
        let position = keys.count
        keys.append(key)
        values.append(value)
        let mask = slots.count - 1
        var slot = Self.slot(key, mask: mask)
        while slots[slot] != 0 { slot = (slot + 1) & mask }
        slots[slot] = UInt32(position + 1)
    }

    /// Updates the value of `key` in place, if the key is present; returns whether it was.
    @inlinable @discardableResult
    public mutating func update(_ key: Key, _ body: (inout Value) -> Void) -> Bool {
        if let position = position(of: key) {
            var value = values[position]
            body(&value)
            values[position] = value
            return true
        }
        guard var value = overflow[key] else { return false }
        body(&value)
        overflow[key] = value
        return true
    }

    /// Every entry, in insertion order.
    @inlinable public func forEach(_ body: (Key, Value) -> Void) {
        for position in 0..<keys.count { body(keys[position], values[position]) }
        for (key, value) in overflow { body(key, value) }
    }

    @inlinable func position(of key: Key) -> Int? {
        guard !slots.isEmpty else { return nil }
        let mask = slots.count - 1
        var slot = Self.slot(key, mask: mask)
        while slots[slot] != 0 {
            let position = Int(slots[slot]) - 1
            if keys[position] == key { return position }
            slot = (slot + 1) & mask
        }
        return nil
    }

    @usableFromInline mutating func grow() {
        let capacity = max(16, slots.count * 2)
        var fresh = [UInt32](repeating: 0, count: capacity)
        let mask = capacity - 1
        for position in 0..<keys.count {
            var slot = Self.slot(keys[position], mask: mask)
            while fresh[slot] != 0 { slot = (slot + 1) & mask }
            fresh[slot] = UInt32(position + 1)
        }
        slots = fresh
    }

    @inlinable static func slot(_ key: Key, mask: Int) -> Int {
        var hasher = Hasher()
        hasher.combine(key)
        return hasher.finalize() & mask
    }
}
