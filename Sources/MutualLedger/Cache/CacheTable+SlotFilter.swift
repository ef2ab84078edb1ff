#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A ``KeyFilter`` built from a table's own index, for batches that look up many keys the table
/// lacks (the new event ids and visit ids of an import): one sequential read of the index
/// (16 bytes a slot) replaces a `pread` per absent key.
///
/// ```swift
/// let table = CacheTable.open(files, ref: ref)
/// let fast = table?.withSlotFilter() ?? table    // same answers, fewer reads
/// ```
extension CacheTable {
    /// Slots read per `pread` while building the filter (1 MiB).
    static let slotFilterRun = 65_536

    /// Whether `lookups` expected lookups repay reading the whole index once: a `pread` of an
    /// absent key costs about as much as reading and filtering 32 slots sequentially.
    func slotFilterPays(lookups: Int) -> Bool {
        filter == nil && lookups > 0 && lookups >= (capacity + 31) / 32
    }

    /// The hash of every used slot of the index. A lookup reads only slots whose hash equals the
    /// key's, so a key whose hash the filter rules out is absent, exactly as ``value(for:)`` would
    /// find it. Nil if the index cannot be read whole (the table is then used without a filter).
    func slotFilter() -> KeyFilter? {
        var filter = KeyFilter(expected: max(1024, slotsUsed))
        var slot = 0
        while slot < capacity {
            let run = min(Self.slotFilterRun, capacity - slot)
            let count = run * Self.slotSize
            guard let bytes = try? FileIO.read(indexFD, count: count, at: Int64(Self.headerSize + slot * Self.slotSize),
                                               path: files.index.path),
                  bytes.count == count else { return nil }
            for n in 0..<run where Self.load(bytes, n * Self.slotSize + 8) != 0 {
                filter.insert(Self.load(bytes, n * Self.slotSize))
            }
            slot += run
        }
        return filter
    }

    /// This table opened again with ``slotFilter()``; nil if the filter or the reopening fails.
    func withSlotFilter() -> CacheTable? {
        guard let filter = slotFilter() else { return nil }
        return CacheTable.open(files, ref: ref, filter: filter, failures: failures)
    }
}
