#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation

extension CacheTable {
    /// Slots of the index read, filled and written back at a time by ``appendStreaming(_:ref:count:produce:added:)``.
    static let mergeChunkSlots = 16_384
    /// Old slots placed at a time when an index is rebuilt at twice its size (1 MiB of slots in memory).
    public static let rebuildBatch = 65_536

    /// Creates an empty table whose index has room for `expected` keys (a power of two, at least
    /// `2 * expected + 2` slots); the index file is sized with `ftruncate`, so its empty slots take
    /// no disk space until they are written.
    ///
    /// ```swift
    /// let ref = try CacheTable.createEmpty(files, expected: 1_000_000)
    /// ```
    public static func createEmpty(_ files: Files, expected: Int) throws(LedgerError) -> Ref {
        let generation = UInt64.random(in: 1...UInt64.max)
        var capacity = 64
        while capacity < expected * 2 + 2 { capacity *= 2 }
        try FileIO.replaceAtomically(files.values, contents: [], sync: false)
        try writeEmptyIndex(files.index, generation: generation, capacity: capacity, used: 0)
        return Ref(generation: generation, length: 0)
    }

    /// Appends at most `count` records that `produce` hands over to the table `ref` names, without
    /// holding them or the index in memory: records go to the values file in 1 MiB chunks, and
    /// their slots are placed in one pass over the index in key-hash order (16,384 slots read and
    /// written back at a time, the chunks no new slot falls in skipped). An index that would be
    /// more than half full is rebuilt at twice the size from its used slots, read in slot order and
    /// placed `rebuildBatch` at a time.
    /// `added` sees the key hash of each record (for a ``KeyFilter``). The file layout is the one
    /// ``create(_:entries:)`` writes.
    ///
    /// ```swift
    /// let ref2 = try CacheTable.appendStreaming(files, ref: ref, count: pending.count,
    ///                                           produce: { emit in for (k, v) in pending { emit(k, v) } },
    ///                                           added: { filter.insert($0) })
    /// ```
    public static func appendStreaming(_ files: Files, ref: Ref, count: Int, rebuildBatch: Int = CacheTable.rebuildBatch,
                                       produce: (_ emit: (_ key: [UInt8], _ value: [UInt8]) -> Void) -> Void,
                                       added: (UInt64) -> Void) throws(LedgerError) -> Ref {
        guard let table = open(files, ref: ref, writable: true) else {
            throw LedgerError(.io, "the spill table \(files.values.path) changed while in use; run again")
        }
        var placed: [(hash: UInt64, stored: UInt64)] = []
        placed.reserveCapacity(count)
        var written: Int64 = 0
        var chunk: [UInt8] = []
        chunk.reserveCapacity(streamChunk + 4096)
        var failure: LedgerError?
        func flush() {
            guard failure == nil, !chunk.isEmpty else { return }
            do throws(LedgerError) {
                try FileIO.writeAll(table.valuesFD, chunk, at: ref.length + written, path: files.values.path)
                written += Int64(chunk.count)
                chunk.removeAll(keepingCapacity: true)
            } catch {
                failure = error
            }
        }
        produce { key, value in
            guard failure == nil else { return }
            guard placed.count < count else {
                failure = LedgerError(.io, "a spill table got more entries than announced; report this as a bug")
                return
            }
            let hash = Self.hash(key)
            placed.append((hash, UInt64(ref.length + written + Int64(chunk.count)) + 1))
            appendRecord(hash: hash, key: key, value: value, to: &chunk)
            if chunk.count >= streamChunk { flush() }
        }
        flush()
        if let failure { throw failure }
        for entry in placed { added(entry.hash) }
        let used = table.slotsUsed + placed.count
        var capacity = table.capacity
        while used * 2 > capacity { capacity *= 2 }
        if capacity != table.capacity {
            // Rebuild: the old slots and the new ones, placed in a fresh index that replaces the old.
            // The old slots are read in slot order and placed a bounded batch at a time (a batch
            // covers a narrow band of the old index, so it lands in two narrow bands of the new
            // one): memory stays at one batch, not 16 bytes per entry of the whole table.
            let temp = files.index.deletingLastPathComponent().appendingPathComponent(".\(files.index.lastPathComponent).tmp-\(getpid())")
            try writeEmptyIndex(temp, generation: ref.generation, capacity: capacity, used: used)
            let fd = Glibc.open(temp.path, O_RDWR | O_CLOEXEC)
            guard fd >= 0 else { throw LedgerError(.io, "cannot open \(temp.path): \(FileIO.lastErrorText()); check the folder") }
            defer { close(fd) }
            var batch: [(hash: UInt64, stored: UInt64)] = []
            batch.reserveCapacity(max(1, rebuildBatch))
            try table.forEachUsedSlot { hash, stored throws(LedgerError) in
                batch.append((hash, stored))
                if batch.count >= rebuildBatch {
                    try mergePlace(&batch, fd: fd, capacity: capacity, path: temp.path)
                    batch.removeAll(keepingCapacity: true)
                }
            }
            try mergePlace(&batch, fd: fd, capacity: capacity, path: temp.path)
            try mergePlace(&placed, fd: fd, capacity: capacity, path: temp.path)
            guard rename(temp.path, files.index.path) == 0 else {
                throw LedgerError(.io, "cannot replace \(files.index.path): \(FileIO.lastErrorText()); check the folder is writable")
            }
        } else {
            try mergePlace(&placed, fd: table.indexFD, capacity: capacity, path: files.index.path)
            try FileIO.writeAll(table.indexFD, header(ref.generation, capacity, used), at: 0, path: files.index.path)
        }
        return Ref(generation: ref.generation, length: ref.length + written)
    }

    /// Every used slot of the index (its key hash and `record offset + 1`), read in chunks.
    func forEachUsedSlot(_ body: (_ hash: UInt64, _ stored: UInt64) throws(LedgerError) -> Void) throws(LedgerError) {
        var slot = 0
        while slot < capacity {
            let run = min(Self.mergeChunkSlots * 16, capacity - slot)
            let bytes = try FileIO.read(indexFD, count: run * Self.slotSize, at: Int64(Self.headerSize + slot * Self.slotSize), path: files.index.path)
            guard bytes.count == run * Self.slotSize else { throw LedgerError(.io, "the cache index \(files.index.path) is short; delete DIR/cache") }
            for n in 0..<run {
                let stored = Self.load(bytes, n * Self.slotSize + 8)
                if stored != 0 { try body(Self.load(bytes, n * Self.slotSize), stored) }
            }
            slot += run
        }
    }

    /// An index file with `capacity` empty slots (a sparse file past its header).
    static func writeEmptyIndex(_ url: URL, generation: UInt64, capacity: Int, used: Int) throws(LedgerError) {
        try FileIO.replaceAtomically(url, contents: header(generation, capacity, used), sync: false)
        guard truncate(url.path, off_t(headerSize + capacity * slotSize)) == 0 else {
            throw LedgerError(.io, "cannot size \(url.path): \(FileIO.lastErrorText()); check the disk has space")
        }
    }

    /// Places `entries` in the index open as `fd`: sorted by home slot, then one pass over the
    /// slots in chunks; each entry takes the first empty slot at or after its home (linear
    /// probing, as if inserted one by one), an entry whose chunk is full carries on into the next,
    /// and one that runs past the last slot wraps around to slot 0.
    static func mergePlace(_ entries: inout [(hash: UInt64, stored: UInt64)], fd: Int32, capacity: Int, path: String) throws(LedgerError) {
        let mask = UInt64(capacity - 1)
        entries.sort { ($0.hash & mask, $0.stored) < ($1.hash & mask, $1.stored) }
        var next = 0
        var carry: [(hash: UInt64, stored: UInt64)] = []
        var waiting: [(hash: UInt64, stored: UInt64)] = []
        var chunkStart = 0
        // One buffer for every chunk: slots as little-endian (hash, stored) pairs of UInt64.
        var buffer = [UInt64](repeating: 0, count: mergeChunkSlots * 2)
        while chunkStart < capacity, next < entries.count || !carry.isEmpty {
            if carry.isEmpty {
                chunkStart = Int(entries[next].hash & mask) / mergeChunkSlots * mergeChunkSlots
            }
            let chunkEnd = min(chunkStart + mergeChunkSlots, capacity)
            let count = (chunkEnd - chunkStart) * slotSize
            let at = Int64(headerSize + chunkStart * slotSize)
            var failure: LedgerError?
            buffer.withUnsafeMutableBytes { raw in
                do throws(LedgerError) {
                    try FileIO.readExactly(fd, into: UnsafeMutableRawBufferPointer(rebasing: raw[0..<count]), at: at, path: path)
                } catch {
                    failure = error
                }
            }
            if let failure { throw failure }
            waiting.removeAll(keepingCapacity: true)
            func place(_ entry: (hash: UInt64, stored: UInt64), from start: Int) -> Bool {
                var slot = start
                while slot < chunkEnd {
                    let n = (slot - chunkStart) * 2
                    if buffer[n + 1] == 0 {
                        buffer[n] = entry.hash.littleEndian
                        buffer[n + 1] = entry.stored.littleEndian
                        return true
                    }
                    slot += 1
                }
                return false
            }
            for entry in carry where !place(entry, from: chunkStart) { waiting.append(entry) }
            while next < entries.count, Int(entries[next].hash & mask) < chunkEnd {
                if !place(entries[next], from: Int(entries[next].hash & mask)) { waiting.append(entries[next]) }
                next += 1
            }
            buffer.withUnsafeBytes { raw in
                do throws(LedgerError) {
                    try FileIO.writeExactly(fd, UnsafeRawBufferPointer(rebasing: raw[0..<count]), at: at, path: path)
                } catch {
                    failure = error
                }
            }
            if let failure { throw failure }
            swap(&carry, &waiting)
            chunkStart = chunkEnd
        }
        // Entries that ran past the last slot: probe from slot 0, one slot at a time (rare).
        for entry in carry {
            var slot = 0
            while true {
                let at = Int64(headerSize + slot * slotSize)
                let bytes = try FileIO.read(fd, count: slotSize, at: at, path: path)
                guard bytes.count == slotSize else { throw LedgerError(.io, "the cache index \(path) is short; delete DIR/cache") }
                if load(bytes, 8) == 0 {
                    var slotBytes: [UInt8] = []
                    append64(entry.hash, to: &slotBytes)
                    append64(entry.stored, to: &slotBytes)
                    try FileIO.writeAll(fd, slotBytes, at: at, path: path)
                    break
                }
                slot = (slot + 1) & (capacity - 1)
            }
        }
    }

    static func store(_ value: UInt64, into bytes: inout [UInt8], at offset: Int) {
        for n in 0..<8 { bytes[offset + n] = UInt8(truncatingIfNeeded: value >> (8 * UInt64(n))) }
    }
}
