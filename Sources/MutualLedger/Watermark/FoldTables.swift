#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation

/// Where a saved fold keeps its large parts: one ``CacheTable`` per part (event ids, and each
/// table-backed part of a ``CacheTableState``), named `PREFIX + PART` in one folder. The append
/// cache, the verified watermark and an auditor's state each own a set, so none overwrites another.
///
/// ```swift
/// let tables = FoldTables(directory: dir.cache, prefix: "verified-partnership-")
/// let (state, refs) = try tables.persist(fold, sync: true)   // appends what changed
/// let restored = tables.restore(rules: rules, count: n, lastHash: h, registry: r, state: state, refs: refs)
/// ```
struct FoldTables {
    var directory: URL
    var prefix: String

    func files(_ part: String) -> CacheTable.Files {
        CacheTable.Files(directory: directory, name: "\(prefix)\(part)")
    }

    /// The fold a saved snapshot describes, its large parts read through to the tables `refs`
    /// names; nil if any table is missing or does not match its ref (another generation, another length).
    /// With `lookups`, the number of keys a batch is about to look up, a table small enough for that
    /// batch is given its ``CacheTable/slotFilter()`` (the same answers, no read for an absent key).
    func restore<Rules: LedgerRules>(rules: Rules, count: Int, lastHash: String, registry: KeyRegistry,
                                     state saved: Rules.State, refs: [String: CacheTable.Ref], lookups: Int = 0) -> LedgerFold<Rules>? {
        var missing = false
        func attach(_ name: String, _ part: inout any CacheTableBacked) {
            guard let ref = refs[name], let opened = CacheTable.open(files(name), ref: ref) else {
                missing = true
                return
            }
            let table = opened.slotFilterPays(lookups: lookups) ? opened.withSlotFilter() ?? opened : opened
            part.attach(table)
        }
        var ids: any CacheTableBacked = EventIDIndex()
        attach("ids", &ids)
        var state = saved
        if var tabled = state as? any CacheTableState {
            try? tabled.forEachCacheTable { (name, part) throws(LedgerError) in attach(name, &part) }
            if let back = tabled as? Rules.State { state = back }
        }
        guard !missing, let index = ids as? EventIDIndex else { return nil }
        return LedgerFold(rules: rules, count: count, lastHash: lastHash, registry: registry, state: state, ids: index)
    }

    /// Writes the fold's large parts to the tables (appending what changed since they were
    /// attached, or writing them anew) and returns the state with those parts emptied, to encode
    /// as JSON, and the refs to store beside it. With `sync`, the table files are flushed to disk
    /// before returning, so a JSON written afterwards never names data a power cut could lose.
    func persist<Rules: LedgerRules>(_ fold: LedgerFold<Rules>, sync: Bool) throws(LedgerError) -> (state: Rules.State, refs: [String: CacheTable.Ref]) {
        var refs: [String: CacheTable.Ref] = [:]
        func persist(_ name: String, _ part: inout any CacheTableBacked) throws(LedgerError) {
            let files = files(name)
            var ref: CacheTable.Ref?
            let source = part
            if let base = part.cacheBase, base.files.values == files.values {
                ref = try CacheTable.append(files, ref: base.ref, count: source.pendingCount) { emit in source.forEachPendingEntry(emit) }
            }
            if ref == nil {
                // Without a base table the pending entries are all of them (a removed key is an
                // empty value, which reads as absent): no second copy of a part that can be large.
                // With a base elsewhere (a spill folder that could not be moved), its records are
                // copied in file order, then the pending ones: the newest record of a key still wins.
                if let base = part.cacheBase, base.files.values != files.values {
                    ref = try CacheTable.create(files, count: base.slotsUsed + source.pendingCount) { emit in
                        base.forEachRecord(emit)
                        source.forEachPendingEntry(emit)
                    }
                } else if part.cacheBase == nil {
                    ref = try CacheTable.create(files, count: source.pendingCount) { emit in source.forEachPendingEntry(emit) }
                } else {
                    ref = try CacheTable.create(files, entries: part.allEntries)
                }
            }
            refs[name] = ref
            part.attach(nil)
            if sync {
                try Self.sync(files.values)
                try Self.sync(files.index)
            }
        }
        var ids: any CacheTableBacked = fold.ids
        try persist("ids", &ids)
        var state = fold.state
        if var tabled = state as? any CacheTableState {
            try tabled.forEachCacheTable(persist)
            if let back = tabled as? Rules.State { state = back }
        }
        return (state, refs)
    }

    private static func sync(_ url: URL) throws(LedgerError) {
        let fd = open(url.path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { throw LedgerError(.io, "cannot open \(url.path) to flush it; check the folder") }
        defer { close(fd) }
        try FileIO.sync(fd, path: url.path)
    }
}
