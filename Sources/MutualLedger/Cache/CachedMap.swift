import Foundation

/// A part of a fold's state that the append path keeps in a ``CacheTable`` between runs
/// instead of in the snapshot JSON, so that loading the state does not grow with the ledger.
public protocol CacheTableBacked: Sendable {
    /// The table this value reads through to, if it was restored from one.
    var cacheBase: CacheTable? { get }
    /// Entries changed since the table was attached (key bytes, value bytes; empty value: removed).
    var pendingEntries: [(key: [UInt8], value: [UInt8])] { get }
    /// Every entry, for a table written anew.
    var allEntries: [(key: [UInt8], value: [UInt8])] { get }
    /// Reads through to `base` from now on, forgetting pending changes (they were written to it).
    mutating func attach(_ base: CacheTable?)
    /// How many entries ``forEachPendingEntry(_:)`` hands over.
    var pendingCount: Int { get }
    /// The entries of ``pendingEntries``, one at a time, without building the array.
    func forEachPendingEntry(_ body: (_ key: [UInt8], _ value: [UInt8]) -> Void)
}

extension CacheTableBacked {
    public var pendingCount: Int { pendingEntries.count }
    public func forEachPendingEntry(_ body: (_ key: [UInt8], _ value: [UInt8]) -> Void) {
        for (key, value) in pendingEntries { body(key, value) }
    }
}

/// A rules state with table-backed parts (see ``CachedMap``); the snapshot persists each under its name.
public protocol CacheTableState {
    mutating func forEachCacheTable(_ body: (String, inout any CacheTableBacked) throws(LedgerError) -> Void) throws(LedgerError)
}

extension CacheTableState {
    /// Passes one part of type `M` to `body` (for ``forEachCacheTable(_:)`` implementations).
    public static func visit<M: CacheTableBacked>(_ name: String, _ part: inout M,
                                                  _ body: (String, inout any CacheTableBacked) throws(LedgerError) -> Void) throws(LedgerError) {
        var boxed: any CacheTableBacked = part
        try body(name, &boxed)
        if let back = boxed as? M { part = back }
    }
}

/// A dictionary from strings to values that reads through to a ``CacheTable`` when it was
/// restored from the append cache, and is a plain in-memory dictionary otherwise (`verify`).
/// It encodes as a JSON object, like `[String: Value]`; the append snapshot writes its entries
/// to the table and encodes it empty.
///
/// ```swift
/// var visits = CachedMap<Int>()
/// visits["v-1"] = 3
/// visits["v-1"]   // 3
/// ```
public struct CachedMap<Value: Codable & Sendable & Equatable & CacheEntryValue>: Sendable, CacheTableBacked {
    public internal(set) var cacheBase: CacheTable?
    /// Changes since `cacheBase` (or everything, without one); nil marks a removed key. Keys
    /// that are event ids are kept as their 16 bytes (``EventIDBits``), others as text; both
    /// in ``CompactMap``s, so that a map of every event of a ledger stays small in `verify`.
    @usableFromInline var byID = CompactMap<EventIDBits, Value?>()
    @usableFromInline var byText = CompactMap<String, Value?>()

    public init() {}

    public init(_ dictionary: [String: Value]) {
        for (key, value) in dictionary { set(key, value) }
    }

    @inlinable public subscript(key: String) -> Value? {
        get {
            if let local = local(key) { return local }
            return stored(key)
        }
        set { set(key, newValue) }
    }

    /// The value of an event id's key, without going through its text when it is in memory.
    @inlinable public subscript(id: CompactEventID) -> Value? {
        switch id {
        case .bits(let bits):
            if let local = byID[bits] { return local }
            return cacheBase == nil ? nil : stored(bits.text)
        case .text(let text):
            return self[text]
        }
    }

    /// The value the table holds for `key`, if there is a table.
    @usableFromInline func stored(_ key: String) -> Value? {
        guard let cacheBase, let bytes = cacheBase.value(for: Array(key.utf8)), !bytes.isEmpty else { return nil }
        return Value(entryBytes: bytes)
    }

    /// The overlay's value of `key`: nil if it has none, `.some(nil)` if it was removed.
    @inlinable func local(_ key: String) -> Value?? {
        if let bits = EventIDBits(canonical: key) { return byID[bits] }
        return byText[key]
    }

    @inlinable mutating func set(_ key: String, _ value: Value?) {
        if let bits = EventIDBits(canonical: key) {
            byID.set(bits, value)
        } else {
            byText.set(key, value)
        }
    }

    /// The overlay's entries (nil: removed), unordered.
    private var overlay: [(key: String, value: Value?)] {
        var entries: [(key: String, value: Value?)] = []
        entries.reserveCapacity(byID.count + byText.count)
        byID.forEach { bits, value in entries.append((bits.text, value)) }
        byText.forEach { key, value in entries.append((key, value)) }
        return entries
    }

    /// Every entry (reads the whole table when there is one: not for the append path).
    public var dictionary: [String: Value] {
        var result: [String: Value] = [:]
        if let cacheBase {
            for (key, value) in cacheBase.entries() {
                let name = String(decoding: key, as: UTF8.self)
                result[name] = value.isEmpty ? nil : Value(entryBytes: value)
            }
        }
        for (key, value) in overlay { result[key] = value }
        return result
    }

    /// The overlay's entries in the byte order of their keys, each value in its
    /// ``CacheEntryValue`` encoding (empty: removed).
    public var pendingEntries: [(key: [UInt8], value: [UInt8])] {
        var entries: [(key: [UInt8], value: [UInt8])] = []
        entries.reserveCapacity(byID.count + byText.count)
        byID.forEach { bits, value in entries.append((bits.textBytes, value?.entryBytes ?? [])) }
        byText.forEach { key, value in entries.append((Array(key.utf8), value?.entryBytes ?? [])) }
        entries.sort { $0.key.lexicographicallyPrecedes($1.key) }
        return entries
    }

    public var allEntries: [(key: [UInt8], value: [UInt8])] {
        CachedMap(dictionary).pendingEntries
    }

    public var pendingCount: Int { byID.count + byText.count }

    /// ``pendingEntries`` one at a time (event-id keys first, unsorted), without building the
    /// array: what keeps `verify` flat while it writes the verified watermark's tables.
    public func forEachPendingEntry(_ body: (_ key: [UInt8], _ value: [UInt8]) -> Void) {
        byID.forEach { bits, value in body(bits.textBytes, value?.entryBytes ?? []) }
        byText.forEach { key, value in body(Array(key.utf8), value?.entryBytes ?? []) }
    }

    public mutating func attach(_ base: CacheTable?) {
        cacheBase = base
        byID = CompactMap()
        byText = CompactMap()
    }
}

extension CachedMap: Equatable {
    public static func == (lhs: Self, rhs: Self) -> Bool { lhs.dictionary == rhs.dictionary }
}

extension CachedMap: Codable {
    public init(from decoder: any Decoder) throws {
        self.init(try decoder.singleValueContainer().decode([String: Value].self))
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(dictionary)
    }
}

/// A set of strings backed like ``CachedMap``; encodes as a sorted JSON array.
public struct CachedSet: Sendable, Equatable, CacheTableBacked {
    private var map = CachedMap<Bool>()

    public init() {}

    public init(_ members: some Sequence<String>) {
        for member in members { map[member] = true }
    }

    public func contains(_ member: String) -> Bool { map[member] == true }

    public mutating func insert(_ member: String) { map[member] = true }

    public mutating func remove(_ member: String) { map[member] = nil }

    public var members: Set<String> { Set(map.dictionary.filter(\.value).keys) }

    public var cacheBase: CacheTable? { map.cacheBase }
    public var pendingEntries: [(key: [UInt8], value: [UInt8])] { map.pendingEntries }
    public var allEntries: [(key: [UInt8], value: [UInt8])] { map.allEntries }
    public var pendingCount: Int { map.pendingCount }
    public func forEachPendingEntry(_ body: (_ key: [UInt8], _ value: [UInt8]) -> Void) { map.forEachPendingEntry(body) }
    public mutating func attach(_ base: CacheTable?) { map.attach(base) }
}

extension CachedSet: Codable {
    public init(from decoder: any Decoder) throws {
        self.init(try decoder.singleValueContainer().decode([String].self))
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(members.sorted())
    }
}
