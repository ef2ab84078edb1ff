#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation

/// A key-value table kept in two files of `DIR/cache/`, read lazily, so that an append reads
/// only the few entries it needs instead of loading a state that grows with the ledger.
///
/// - `NAME.values`: records appended one after the other:
///   `hash (u64) | key length (u32) | value length (u32) | key | value`, little-endian.
/// - `NAME.index`: a 32-byte header `MUTTBL02 | generation | capacity | slots used`, then
///   `capacity` slots of `hash (u64) | record offset + 1 (u64)` (0: empty), open addressing
///   with linear probing, at most half full. A key updated later gets a new slot; a lookup
///   takes the newest record of the key below the committed length.
///
/// The snapshot that names a table stores its generation and committed values length; a table
/// whose files do not match (another generation, a values file of another length after a crash)
/// is not used, and the cache is rebuilt from the log.
///
/// ```swift
/// let ref = try CacheTable.create(files, entries: [(Array("k".utf8), Array("v".utf8))])
/// let table = CacheTable.open(files, ref: ref)
/// table?.value(for: Array("k".utf8))   // "v"
/// ```
public final class CacheTable: Sendable {
    /// Where a table's two files are.
    public struct Files: Sendable {
        public var values: URL
        public var index: URL
        public init(directory: URL, name: String) {
            values = directory.appendingPathComponent("\(name).values")
            index = directory.appendingPathComponent("\(name).index")
        }
    }

    /// What a snapshot records about a table: which files, and how much of them it trusts.
    public struct Ref: Codable, Sendable, Equatable {
        public var generation: UInt64
        public var length: Int64
    }

    /// `MUTTBL02`: values of rules-state tables are in their binary ``CacheEntryValue`` encoding
    /// (`MUTTBL01` tables held JSON: they no longer open, so the cache is rebuilt from the log).
    static let magic = Array("MUTTBL02".utf8)
    static let headerSize = 32
    static let slotSize = 16

    let files: Files
    let valuesFD: Int32
    let indexFD: Int32
    public let ref: Ref
    let capacity: Int
    let slotsUsed: Int
    /// The hashes of every key in the table, when the process wrote all of them (a spilled fold's
    /// table): a key it rules out is absent without a read.
    let filter: KeyFilter?
    /// Where failed reads are counted, if anywhere (``ReadFailures``).
    let failures: ReadFailures?

    private init(files: Files, valuesFD: Int32, indexFD: Int32, ref: Ref, capacity: Int, slotsUsed: Int, filter: KeyFilter?,
                 failures: ReadFailures?) {
        self.files = files
        self.filter = filter
        self.failures = failures
        self.valuesFD = valuesFD
        self.indexFD = indexFD
        self.ref = ref
        self.capacity = capacity
        self.slotsUsed = slotsUsed
    }

    deinit {
        close(valuesFD)
        close(indexFD)
    }

    /// Opens a table as `ref` left it; nil if its files are missing or do not match.
    /// With `filter`, the caller vouches that it holds the hash of every key in the table.
    /// Reads that fail are counted in `failures`, if given.
    public static func open(_ files: Files, ref: Ref, writable: Bool = false, filter: KeyFilter? = nil,
                            failures: ReadFailures? = nil) -> CacheTable? {
        let flags = (writable ? O_RDWR : O_RDONLY) | O_CLOEXEC
        let values = Glibc.open(files.values.path, flags)
        guard values >= 0 else { return nil }
        let index = Glibc.open(files.index.path, flags)
        guard index >= 0 else {
            close(values)
            return nil
        }
        guard let header = try? FileIO.read(index, count: headerSize, at: 0, path: files.index.path), header.count == headerSize,
              Array(header[0..<8]) == magic, load(header, 8) == ref.generation,
              let valuesSize = try? FileIO.size(values, path: files.values.path), valuesSize == ref.length,
              let indexSize = try? FileIO.size(index, path: files.index.path)
        else {
            close(values)
            close(index)
            return nil
        }
        let capacity = Int(load(header, 16))
        let used = Int(load(header, 24))
        guard capacity > 0, capacity & (capacity - 1) == 0, indexSize == Int64(headerSize + capacity * slotSize), used <= capacity / 2 else {
            close(values)
            close(index)
            return nil
        }
        return CacheTable(files: files, valuesFD: values, indexFD: index, ref: ref, capacity: capacity, slotsUsed: used, filter: filter, failures: failures)
    }

    /// The newest value recorded for `key`, if any.
    public func value(for key: [UInt8]) -> [UInt8]? {
        let hash = Self.hash(key)
        if let filter, !filter.mayContain(hash) { return nil }
        var best: (offset: Int64, value: [UInt8])?
        var slot = Int(hash & UInt64(capacity - 1))
        var probed = 0
        while probed < capacity {
            let run = min(8, capacity - slot)
            guard let bytes = read(indexFD, count: run * Self.slotSize, at: Int64(Self.headerSize + slot * Self.slotSize),
                                   path: files.index.path) else { return nil }
            for n in 0..<run {
                let slotHash = Self.load(bytes, n * Self.slotSize)
                let stored = Self.load(bytes, n * Self.slotSize + 8)
                if stored == 0 { return best?.value }
                let offset = Int64(stored - 1)
                let newest = best?.offset ?? -1
                if slotHash == hash, offset < ref.length, offset > newest,
                   let record = record(at: offset, hash: hash), record.key == key {
                    best = (offset, record.value)
                }
            }
            probed += run
            slot = (slot + run) & (capacity - 1)
        }
        return best?.value
    }

    /// The record at `offset`, if it is whole, below the committed length, and has `hash`.
    func record(at offset: Int64, hash: UInt64?) -> (key: [UInt8], value: [UInt8], end: Int64)? {
        // One read of up to 256 bytes holds most records whole; a longer one takes a second read.
        let guess = Int(min(256, ref.length - offset))
        guard offset + 16 <= ref.length,
              let head = read(valuesFD, count: guess, at: offset, path: files.values.path) else { return nil }
        if let hash, Self.load(head, 0) != hash { return nil }
        let keyCount = Int64(Self.load32(head, 8)), valueCount = Int64(Self.load32(head, 12))
        let end = offset + 16 + keyCount + valueCount
        guard end <= ref.length else { return nil }
        let bodyCount = Int(keyCount + valueCount)
        let body: [UInt8]
        if 16 + bodyCount <= head.count {
            body = Array(head[16..<(16 + bodyCount)])
        } else {
            guard let rest = read(valuesFD, count: bodyCount, at: offset + 16, path: files.values.path) else { return nil }
            body = rest
        }
        return (Array(body[0..<Int(keyCount)]), Array(body[Int(keyCount)...]), end)
    }

    /// Exactly `count` bytes at `offset`, or nil (counted in ``failures``).
    private func read(_ fd: Int32, count: Int, at offset: Int64, path: String) -> [UInt8]? {
        guard let bytes = try? FileIO.read(fd, count: count, at: offset, path: path), bytes.count == count else {
            failures?.note()
            return nil
        }
        return bytes
    }

    /// Every record below the committed length, in file order (a key updated later appears again).
    func forEachRecord(_ body: (_ key: [UInt8], _ value: [UInt8]) -> Void) {
        var offset: Int64 = 0
        while offset < ref.length, let record = record(at: offset, hash: nil) {
            body(record.key, record.value)
            offset = record.end
        }
    }

    /// Every key with its newest value, in the order keys were first recorded.
    public func entries() -> [(key: [UInt8], value: [UInt8])] {
        var order: [[UInt8]] = []
        var latest: [[UInt8]: [UInt8]] = [:]
        var offset: Int64 = 0
        while offset < ref.length, let record = record(at: offset, hash: nil) {
            if latest.updateValue(record.value, forKey: record.key) == nil { order.append(record.key) }
            offset = record.end
        }
        return order.compactMap { key in latest[key].map { (key, $0) } }
    }

    // MARK: Writing

    /// Creates the table's files anew with `entries`, under a new generation.
    public static func create(_ files: Files, entries: [(key: [UInt8], value: [UInt8])]) throws(LedgerError) -> Ref {
        let generation = UInt64.random(in: 1...UInt64.max)
        var capacity = 64
        while capacity < entries.count * 2 + 2 { capacity *= 2 }
        var slots = [UInt8](repeating: 0, count: capacity * slotSize)
        let values = encode(entries, at: 0, into: &slots, capacity: capacity)
        let used = entries.count
        try FileIO.replaceAtomically(files.values, contents: values.bytes, sync: false)
        try FileIO.replaceAtomically(files.index, contents: header(generation, capacity, used) + slots, sync: false)
        return Ref(generation: generation, length: Int64(values.bytes.count))
    }

    /// Appends `entries` to the table `ref` names (growing its index when it would be more than
    /// half full) and returns the ref to store; nil if the files no longer match `ref`.
    public static func append(_ files: Files, ref: Ref, entries: [(key: [UInt8], value: [UInt8])]) throws(LedgerError) -> Ref? {
        try append(files, ref: ref, count: entries.count) { emit in
            for (key, value) in entries { emit(key, value) }
        }
    }

    /// Batches of at least this many entries, or any that grows the index, are placed by one pass
    /// over the index in slot order (``appendStreaming(_:ref:count:produce:added:)``) rather than one
    /// read and write per entry.
    static let streamingAppendMinimum = 4096

    /// ``append(_:ref:entries:)`` of the `count` entries `produce` hands over, without building them
    /// as an array. An index that must grow is rebuilt streaming (its used slots placed a bounded
    /// batch at a time), never read and rewritten whole in memory.
    ///
    /// ```swift
    /// let ref2 = try CacheTable.append(files, ref: ref, count: part.pendingCount) { emit in part.forEachPendingEntry(emit) }
    /// ```
    public static func append(_ files: Files, ref: Ref, count: Int,
                              produce: (_ emit: (_ key: [UInt8], _ value: [UInt8]) -> Void) -> Void) throws(LedgerError) -> Ref? {
        guard count > 0 else { return ref }
        guard let table = open(files, ref: ref, writable: true) else { return nil }
        let used = table.slotsUsed + count
        var capacity = table.capacity
        while used * 2 > capacity { capacity *= 2 }
        if capacity != table.capacity || count >= streamingAppendMinimum {
            return try appendStreaming(files, ref: ref, count: count, produce: produce, added: { _ in })
        }
        var entries: [(key: [UInt8], value: [UInt8])] = []
        entries.reserveCapacity(count)
        produce { key, value in entries.append((key, value)) }
        // Write the records first, then their slots, then the header: a crash in between leaves a
        // values file longer than any snapshot names, so the table is not trusted again.
        var scratch: [UInt8] = []
        let values = encode(entries, at: ref.length, into: &scratch, capacity: 0)
        try FileIO.writeAll(table.valuesFD, values.bytes, at: ref.length, path: files.values.path)
        for (hash, stored) in values.slots {
            var slot = Int(hash & UInt64(capacity - 1))
            while true {
                let bytes = try FileIO.read(table.indexFD, count: slotSize, at: Int64(headerSize + slot * slotSize), path: files.index.path)
                guard bytes.count == slotSize else { throw LedgerError(.io, "the cache index \(files.index.path) is short; delete DIR/cache") }
                if load(bytes, 8) == 0 { break }
                slot = (slot + 1) & (capacity - 1)
            }
            var entry: [UInt8] = []
            append64(hash, to: &entry)
            append64(stored, to: &entry)
            try FileIO.writeAll(table.indexFD, entry, at: Int64(headerSize + slot * slotSize), path: files.index.path)
        }
        try FileIO.writeAll(table.indexFD, header(ref.generation, capacity, used), at: 0, path: files.index.path)
        return Ref(generation: ref.generation, length: ref.length + Int64(values.bytes.count))
    }

    /// Encodes records starting at file offset `base`; places their slots in `slots` when
    /// `capacity` > 0, and returns them too.
    private static func encode(_ entries: [(key: [UInt8], value: [UInt8])], at base: Int64, into slots: inout [UInt8],
                               capacity: Int) -> (bytes: [UInt8], slots: [(UInt64, UInt64)]) {
        var bytes: [UInt8] = []
        var placed: [(UInt64, UInt64)] = []
        for (key, value) in entries {
            let hash = Self.hash(key)
            let stored = UInt64(base + Int64(bytes.count)) + 1
            appendRecord(hash: hash, key: key, value: value, to: &bytes)
            placed.append((hash, stored))
            if capacity > 0 { place(hash: hash, stored: stored, into: &slots, capacity: capacity) }
        }
        return (bytes, placed)
    }

    /// One record of the values file: `hash | key length | value length | key | value`.
    static func appendRecord(hash: UInt64, key: [UInt8], value: [UInt8], to bytes: inout [UInt8]) {
        append64(hash, to: &bytes)
        append32(UInt32(key.count), to: &bytes)
        append32(UInt32(value.count), to: &bytes)
        bytes += key
        bytes += value
    }

    static func place(hash: UInt64, stored: UInt64, into slots: inout [UInt8], capacity: Int) {
        var slot = Int(hash & UInt64(capacity - 1))
        while load(slots, slot * slotSize + 8) != 0 { slot = (slot + 1) & (capacity - 1) }
        for n in 0..<8 {
            slots[slot * slotSize + n] = UInt8(truncatingIfNeeded: hash >> (8 * UInt64(n)))
            slots[slot * slotSize + 8 + n] = UInt8(truncatingIfNeeded: stored >> (8 * UInt64(n)))
        }
    }

    static func header(_ generation: UInt64, _ capacity: Int, _ used: Int) -> [UInt8] {
        var bytes = magic
        append64(generation, to: &bytes)
        append64(UInt64(capacity), to: &bytes)
        append64(UInt64(used), to: &bytes)
        return bytes
    }

    /// FNV-1a, 64 bits (stable across processes, unlike `Hasher`); never 0.
    static func hash(_ key: [UInt8]) -> UInt64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in key { hash = (hash ^ UInt64(byte)) &* 0x0000_0100_0000_01b3 }
        return hash == 0 ? 1 : hash
    }

    static func load(_ bytes: [UInt8], _ at: Int) -> UInt64 {
        var value: UInt64 = 0
        for n in 0..<8 { value |= UInt64(bytes[at + n]) << (8 * UInt64(n)) }
        return value
    }

    static func load32(_ bytes: [UInt8], _ at: Int) -> UInt32 {
        var value: UInt32 = 0
        for n in 0..<4 { value |= UInt32(bytes[at + n]) << (8 * UInt32(n)) }
        return value
    }

    static func append64(_ value: UInt64, to bytes: inout [UInt8]) {
        for n in 0..<8 { bytes.append(UInt8(truncatingIfNeeded: value >> (8 * UInt64(n)))) }
    }

    static func append32(_ value: UInt32, to bytes: inout [UInt8]) {
        for n in 0..<4 { bytes.append(UInt8(truncatingIfNeeded: value >> (8 * UInt32(n)))) }
    }
}
