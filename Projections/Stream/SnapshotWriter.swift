/// Little-endian writer for the snapshot format (docs/REPORTS.md, "Snapshots").
///
/// ```swift
/// var out = SnapshotWriter()
/// out.u64(42); out.string("nb-lk")
/// out.bytes   // 8 + 4 + 5 bytes
/// ```
public struct SnapshotWriter {
    public private(set) var bytes: [UInt8] = []

    public init() {}

    public mutating func u8(_ value: UInt8) { bytes.append(value) }

    public mutating func u32(_ value: UInt32) {
        for shift in stride(from: 0, to: 32, by: 8) { bytes.append(UInt8(truncatingIfNeeded: value >> UInt32(shift))) }
    }

    public mutating func u64(_ value: UInt64) {
        for shift in stride(from: 0, to: 64, by: 8) { bytes.append(UInt8(truncatingIfNeeded: value >> UInt64(shift))) }
    }

    public mutating func int(_ value: Int) { u64(UInt64(bitPattern: Int64(value))) }

    /// u32 byte length, then the UTF-8 bytes.
    public mutating func string(_ text: String) {
        let utf8 = Array(text.utf8)
        u32(UInt32(utf8.count))
        bytes.append(contentsOf: utf8)
    }

    /// u8 0 for nil, else 1 and the string.
    public mutating func optional(_ text: String?) {
        guard let text else { u8(0); return }
        u8(1)
        string(text)
    }

    public mutating func raw(_ more: [UInt8]) { bytes.append(contentsOf: more) }

    /// Empties the buffer, keeping its capacity (after its bytes were written out).
    public mutating func clear() { bytes.removeAll(keepingCapacity: true) }
}
