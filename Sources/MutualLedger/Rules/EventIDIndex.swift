/// The event ids seen in a log, by seq, so a reused id is caught.
///
/// Two parts: ids in the append cache's `ids` table (``CacheTable``, looked up on disk, for the
/// few lookups of an append) and ids added since (`recent`, a ``CompactIDTable`` of about
/// 21-27 bytes per id, which is what `verify` uses for every line).
///
/// ```swift
/// var index = EventIDIndex()
/// index.insert("7f0c2a9e-3b1d-4c55-9a0e-2f6d8b1c4e77", seq: 0)
/// index.seq(of: "7f0c2a9e-3b1d-4c55-9a0e-2f6d8b1c4e77")   // 0
/// ```
public struct EventIDIndex: Sendable, CacheTableBacked {
    typealias Bits = EventIDBits

    public private(set) var cacheBase: CacheTable?
    private var recent = CompactIDTable()

    public init() {}

    /// The seq an id was recorded at, if it was.
    public func seq(of id: String) -> Int? {
        seq(ofBits: Self.bits(id))
    }

    /// ``seq(of:)`` of an id already read into its bits (``bits(_:)``; nil: not an id, never recorded).
    func seq(ofBits bits: Bits?) -> Int? {
        guard let bits else { return nil }
        if let seq = recent.seq(high: bits.high, low: bits.low) { return seq }
        guard let cacheBase, let bytes = cacheBase.value(for: bits.key), bytes.count == 8 else { return nil }
        return Int(CacheTable.load(bytes, 0))
    }

    public mutating func insert(_ id: String, seq: Int) {
        insert(bits: Self.bits(id), seq: seq)
    }

    /// ``insert(_:seq:)`` of an id already read into its bits (nil: not an id, nothing kept).
    mutating func insert(bits: Bits?, seq: Int) {
        guard let bits else { return }
        recent.insert(high: bits.high, low: bits.low, seq: seq)
    }

    public var pendingEntries: [(key: [UInt8], value: [UInt8])] {
        var live: [(bits: Bits, seq: Int)] = []
        live.reserveCapacity(recent.count)
        recent.forEach { high, low, seq in live.append((Bits(high: high, low: low), seq)) }
        live.sort { $0.seq < $1.seq }
        return live.map { entry in
            var value: [UInt8] = []
            CacheTable.append64(UInt64(entry.seq), to: &value)
            return (entry.bits.key, value)
        }
    }

    public var pendingCount: Int { recent.count }

    /// ``pendingEntries`` one at a time, in insertion order, without sorting or building the array.
    public func forEachPendingEntry(_ body: (_ key: [UInt8], _ value: [UInt8]) -> Void) {
        recent.forEach { high, low, seq in
            var value: [UInt8] = []
            value.reserveCapacity(8)
            CacheTable.append64(UInt64(seq), to: &value)
            body(Bits(high: high, low: low).key, value)
        }
    }

    public var allEntries: [(key: [UInt8], value: [UInt8])] {
        (cacheBase?.entries() ?? []) + pendingEntries
    }

    /// The 16-byte keys of the ids inserted since the last ``attach(_:)``, in seq order: what an
    /// auditor's state appends to its own id file.
    public var pendingPackedIDs: [UInt8] {
        Array(pendingEntries.map(\.key).joined())
    }

    /// Inserts ids given as consecutive 16-byte keys (as ``pendingPackedIDs`` writes them), the
    /// first at `firstSeq`.
    public mutating func insert(packedIDs: [UInt8], firstSeq: Int) {
        var index = 0
        while index + 16 <= packedIDs.count {
            recent.insert(high: CacheTable.load(packedIDs, index), low: CacheTable.load(packedIDs, index + 8), seq: firstSeq + index / 16)
            index += 16
        }
    }

    public mutating func attach(_ base: CacheTable?) {
        cacheBase = base
        recent = CompactIDTable()
    }

    /// The 128 bits of an id written as 32 lowercase hex digits, hyphens anywhere ignored; nil otherwise.
    static func bits(_ id: String) -> Bits? {
        // The id's UTF-8 storage read in place (iterating a `String.UTF8View` costs several times more);
        // the canonical 8-4-4-4-12 form (every id `Event` accepts) by table, anything else by the loop.
        id.utf8.withContiguousStorageIfAvailable { EventIDBits.canonical($0) ?? bits($0) } ?? bits(Array(id.utf8))
    }

    private static func bits(_ bytes: some Collection<UInt8>) -> Bits? {
        var high: UInt64 = 0, low: UInt64 = 0
        var digits = 0
        for c in bytes where c != UInt8(ascii: "-") {
            guard let value = EventIDBits.hexValue(c), digits < 32 else { return nil }
            if digits < 16 { high = high << 4 | value } else { low = low << 4 | value }
            digits += 1
        }
        return digits == 32 ? Bits(high: high, low: low) : nil
    }
}

extension EventIDBits {
    /// The 16-byte key of the id in the `ids` cache table (`high`, then `low`, little-endian).
    var key: [UInt8] {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(16)
        CacheTable.append64(high, to: &bytes)
        CacheTable.append64(low, to: &bytes)
        return bytes
    }
}
