/// A Bloom filter over the 64-bit key hashes of a ``CacheTable`` (``CacheTable/hash(_:)``), so a
/// lookup of a key the table does not hold (every new event id during `verify`) usually costs no
/// read at all. It answers "maybe" for every hash added and, at about 8 bits per hash, "no" for
/// about 98% of the others; a "maybe" is always settled by reading the table.
///
/// ```swift
/// var filter = KeyFilter(expected: 1_000)
/// filter.insert(42)
/// filter.mayContain(42)    // true
/// ```
public struct KeyFilter: Sendable {
    /// Bits, a power of two.
    private var words: [UInt64]
    /// Hashes added.
    public private(set) var count = 0

    /// A filter sized for `expected` hashes (8 to 16 bits each, at least 4,096 bits).
    public init(expected: Int) {
        var bits = 4096
        while bits < expected * 8 { bits *= 2 }
        words = [UInt64](repeating: 0, count: bits / 64)
    }

    /// How many hashes it can hold before its false-positive rate grows past about 2%.
    public var capacity: Int { words.count * 64 / 8 }

    public mutating func insert(_ hash: UInt64) {
        let mask = UInt64(words.count * 64 - 1)
        var h = Self.next(hash)
        for _ in 0..<Self.probes {
            let bit = Int(h & mask)
            words[bit >> 6] |= 1 << UInt64(bit & 63)
            h = Self.next(h)
        }
        count += 1
    }

    /// False only if `hash` was never inserted.
    public func mayContain(_ hash: UInt64) -> Bool {
        let mask = UInt64(words.count * 64 - 1)
        var h = Self.next(hash)
        for _ in 0..<Self.probes {
            let bit = Int(h & mask)
            if words[bit >> 6] & (1 << UInt64(bit & 63)) == 0 { return false }
            h = Self.next(h)
        }
        return true
    }

    static let probes = 5

    /// The next probe position: a SplitMix64-style remix of the previous one.
    static func next(_ h: UInt64) -> UInt64 {
        var z = h &+ 0x9e37_79b9_7f4a_7c15
        z = (z ^ (z >> 30)) &* 0xbf58_476d_1ce4_e5b9
        z = (z ^ (z >> 27)) &* 0x94d0_49bb_1331_11eb
        return z ^ (z >> 31)
    }
}
