/// The event ids seen in a log, by seq, so a reused id is caught.
///
/// Two parts: ids loaded from the cache file (`packed`, 16 bytes each, seq order; a lookup scans
/// them, which is cheap for the few lookups of an append) and ids added since (`recent`, hashed,
/// which is what `verify` uses for every line).
///
/// ```swift
/// var index = EventIDIndex()
/// index.insert("7f0c2a9e-3b1d-4c55-9a0e-2f6d8b1c4e77", seq: 0)
/// index.seq(of: "7f0c2a9e-3b1d-4c55-9a0e-2f6d8b1c4e77")   // 0
/// ```
public struct EventIDIndex: Sendable {
    struct Bits: Hashable, Sendable {
        var high: UInt64
        var low: UInt64
    }

    /// Ids of seq 0..<packedCount, 16 bytes each.
    private(set) var packed: [UInt8]
    private var recent: [Bits: Int] = [:]

    public init() { packed = [] }

    /// An index whose first `packed.count / 16` ids (seq order, 16 bytes each) come from a file.
    public init(packed: [UInt8]) { self.packed = packed }

    public var packedCount: Int { packed.count / 16 }

    /// The seq an id was recorded at, if it was.
    public func seq(of id: String) -> Int? {
        guard let bits = Self.bits(id) else { return nil }
        if let seq = recent[bits] { return seq }
        return packed.withUnsafeBytes { raw -> Int? in
            let count = raw.count / 16
            var index = 0
            while index < count {
                let high = raw.loadUnaligned(fromByteOffset: index * 16, as: UInt64.self)
                if high == bits.high, raw.loadUnaligned(fromByteOffset: index * 16 + 8, as: UInt64.self) == bits.low {
                    return index
                }
                index += 1
            }
            return nil
        }
    }

    public mutating func insert(_ id: String, seq: Int) {
        guard let bits = Self.bits(id) else { return }
        recent[bits] = seq
    }

    /// The packed bytes of ids for seq 0..<count (all known ids), for the cache file.
    func packedBytes(count: Int) -> [UInt8] {
        var bytes = packed
        bytes.reserveCapacity(count * 16)
        bytes += addedPackedBytes
        return bytes
    }

    /// The packed bytes of the ids inserted since the packed part was loaded (seq order), to
    /// append to the file the packed part came from.
    public var addedPackedBytes: [UInt8] {
        var bytes: [UInt8] = []
        let extra = recent.filter { $0.value >= packedCount }.sorted { $0.value < $1.value }
        for (bits, _) in extra {
            withUnsafeBytes(of: bits.high) { bytes.append(contentsOf: $0) }
            withUnsafeBytes(of: bits.low) { bytes.append(contentsOf: $0) }
        }
        return bytes
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
