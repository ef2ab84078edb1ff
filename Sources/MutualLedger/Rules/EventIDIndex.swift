/// The event ids seen in a log, by seq, so a reused id is caught.
///
/// Two parts: ids in the append cache's `ids` table (``CacheTable``, looked up on disk, for the
/// few lookups of an append) and ids added since (`recent`, hashed, which is what `verify` uses
/// for every line).
///
/// ```swift
/// var index = EventIDIndex()
/// index.insert("7f0c2a9e-3b1d-4c55-9a0e-2f6d8b1c4e77", seq: 0)
/// index.seq(of: "7f0c2a9e-3b1d-4c55-9a0e-2f6d8b1c4e77")   // 0
/// ```
public struct EventIDIndex: Sendable, CacheTableBacked {
    struct Bits: Hashable, Sendable {
        var high: UInt64
        var low: UInt64

        var key: [UInt8] {
            var bytes: [UInt8] = []
            bytes.reserveCapacity(16)
            CacheTable.append64(high, to: &bytes)
            CacheTable.append64(low, to: &bytes)
            return bytes
        }
    }

    public private(set) var cacheBase: CacheTable?
    private var recent: [Bits: Int] = [:]

    public init() {}

    /// The seq an id was recorded at, if it was.
    public func seq(of id: String) -> Int? {
        guard let bits = Self.bits(id) else { return nil }
        if let seq = recent[bits] { return seq }
        guard let cacheBase, let bytes = cacheBase.value(for: bits.key), bytes.count == 8 else { return nil }
        return Int(CacheTable.load(bytes, 0))
    }

    public mutating func insert(_ id: String, seq: Int) {
        guard let bits = Self.bits(id) else { return }
        recent[bits] = seq
    }

    public var pendingEntries: [(key: [UInt8], value: [UInt8])] {
        recent.sorted { $0.value < $1.value }.map { bits, seq in
            var value: [UInt8] = []
            CacheTable.append64(UInt64(seq), to: &value)
            return (bits.key, value)
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
            let bits = Bits(high: CacheTable.load(packedIDs, index), low: CacheTable.load(packedIDs, index + 8))
            recent[bits] = firstSeq + index / 16
            index += 16
        }
    }

    public mutating func attach(_ base: CacheTable?) {
        cacheBase = base
        recent = [:]
    }

    static func bits(_ id: String) -> Bits? {
        var hex = id.utf8.filter { $0 != UInt8(ascii: "-") }
        guard hex.count == 32 else { return nil }
        var high: UInt64 = 0, low: UInt64 = 0
        for index in 0..<32 {
            let c = hex[index]
            let value: UInt64
            switch c {
            case 0x30...0x39: value = UInt64(c - 0x30)
            case 0x61...0x66: value = UInt64(c - 0x61 + 10)
            default: return nil
            }
            if index < 16 { high = high << 4 | value } else { low = low << 4 | value }
        }
        hex.removeAll()
        return Bits(high: high, low: low)
    }
}
