#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation

/// Keeps a long pass's fold small (a full `verify`, a first `audit`): whenever the fold's
/// table-backed parts (event ids, the rules state's growing maps) hold more than ``budget``
/// entries in memory, they are appended to ``CacheTable``s in a private folder and the parts read
/// through to them from then on: lookups hit memory first, then the table (a ``KeyFilter`` per
/// table answers most lookups of absent keys without a read). The state's meaning and every
/// verdict are unchanged; only where the entries live changes.
///
/// The folder is made at the first spill: `DIR/cache/spill-PID-XXXXXX` when the ledger's cache
/// folder is writable, else a folder under the system's temporary directory (a read-only ledger).
/// It is removed when the spill is released; a folder left by a process that no longer runs is
/// removed by the next spill in the same place. When the pass ends valid, ``move(_:into:)``
/// renames the tables to their final names (the verified watermark's, an audit state's), so
/// nothing is written twice.
///
/// ```swift
/// let spill = FoldSpill(preferring: dir.cache, prefix: "verified-partnership-", expected: 1_000_000)
/// for line in lines { try fold.admit(line, ...); spill.admitted(&fold) }
/// _ = spill.move(&fold, into: tables)   // or let it go: the folder is removed
/// ```
final class FoldSpill {
    /// Entries in memory that trigger a spill (about 12-20 MB of them for the partnership rules).
    /// Each spill reads and writes every table's index once, so fewer, larger spills cost less CPU.
    static let defaultBudget = 131_072

    let preferred: URL?
    let prefix: String
    /// Lines the pass expects (sizes the event id table; other tables are sized from their first spill).
    let expected: Int
    let budget: Int
    /// Lines between two looks at the parts' size.
    let interval: Int
    private(set) var directory: URL?
    private(set) var refs: [String: CacheTable.Ref] = [:]
    private var filters: [String: KeyFilter] = [:]
    /// Set when a spill failed: the fold keeps the rest in memory (still correct, just larger).
    private(set) var failed = false
    /// Spills done.
    private(set) var spills = 0
    /// Failed reads of the spilled tables: a pass that had any cannot be trusted (``checkReads()``).
    let failures = ReadFailures()

    init(preferring preferred: URL?, prefix: String, expected: Int, budget: Int = FoldSpill.defaultBudget) {
        self.preferred = preferred
        self.prefix = prefix
        self.expected = max(1, expected)
        self.budget = max(1, budget)
        interval = max(1, min(1024, budget))
    }

    deinit {
        if let directory { try? FileManager.default.removeItem(at: directory) }
    }

    /// Call after each admitted line: spills when the parts have grown past the budget.
    func admitted<Rules>(_ fold: inout LedgerFold<Rules>) {
        guard !failed, fold.count % interval == 0, fold.pendingTableEntries >= budget else { return }
        do throws(LedgerError) {
            try spill(&fold)
        } catch {
            failed = true
        }
    }

    /// Appends every part's entries in memory to its table and attaches the part to it.
    func spill<Rules>(_ fold: inout LedgerFold<Rules>) throws(LedgerError) {
        let folder = try folder()
        let count = fold.count
        try fold.forEachTablePart { (name, part) throws(LedgerError) in
            let pending = part.pendingCount
            guard pending > 0 || refs[name] == nil else { return }
            let files = CacheTable.Files(directory: folder, name: "\(prefix)\(name)")
            let ref: CacheTable.Ref
            if let existing = refs[name] {
                ref = existing
            } else {
                // Ids: one per line. Other parts: as many as their share so far predicts, with room.
                let predicted = name == "ids" ? expected : pending * max(1, expected / max(1, count)) * 11 / 10
                ref = try CacheTable.createEmpty(files, expected: max(1024, predicted))
                filters[name] = KeyFilter(expected: max(1024, predicted))
            }
            var filter = filters[name] ?? KeyFilter(expected: 1024)
            filters[name] = nil
            let source = part
            let next = try CacheTable.appendStreaming(files, ref: ref, count: pending,
                                                      produce: { emit in source.forEachPendingEntry(emit) },
                                                      added: { filter.insert($0) })
            guard var table = CacheTable.open(files, ref: next, failures: failures) else {
                throw LedgerError(.io, "the spill table \(files.values.path) does not open after writing it")
            }
            if filter.count > filter.capacity {
                // Too full to rule much out: rebuild it twice as large from the index.
                var larger = KeyFilter(expected: filter.count * 2)
                try table.forEachUsedSlot { hash, _ in larger.insert(hash) }
                filter = larger
            }
            guard let filtered = CacheTable.open(files, ref: next, filter: filter, failures: failures) else {
                throw LedgerError(.io, "the spill table \(files.values.path) does not open after writing it")
            }
            table = filtered
            filters[name] = filter
            refs[name] = next
            part.attach(table)
        }
        spills += 1
    }

    /// Spills what is left, then renames every table to its name in `destination` and attaches
    /// the parts there; false (nothing moved, the parts unchanged) if the spill failed or a rename
    /// is impossible (another file system): the caller then writes the tables as before.
    func move<Rules>(_ fold: inout LedgerFold<Rules>, into destination: FoldTables) -> Bool {
        guard !failed, directory != nil else { return false }
        do throws(LedgerError) {
            try spill(&fold)
        } catch {
            failed = true
            return false
        }
        guard let folder = directory else { return false }
        var moved = true
        try? fold.forEachTablePart { (name, part) throws(LedgerError) in
            guard moved, let ref = refs[name] else {
                moved = false
                return
            }
            let from = CacheTable.Files(directory: folder, name: "\(prefix)\(name)")
            let to = destination.files(name)
            guard rename(from.values.path, to.values.path) == 0, rename(from.index.path, to.index.path) == 0,
                  let table = CacheTable.open(to, ref: ref, filter: filters[name], failures: failures) else {
                moved = false
                return
            }
            part.attach(table)
        }
        if !moved { failed = true }
        return moved
    }

    /// Throws if any read of a spilled table failed: a lookup that failed answered "absent", so
    /// the pass's verdict cannot be trusted (an I/O error, not a verdict on the ledger).
    func checkReads() throws(LedgerError) {
        let count = failures.count
        guard count == 0 else {
            throw LedgerError(.io, "\(count) reads of the fold's spill tables in \(directory?.path ?? "the spill folder") failed; check the disk and run again")
        }
    }

    /// The private folder, made on first use; stale folders of dead processes beside it are removed.
    private func folder() throws(LedgerError) -> URL {
        if let directory { return directory }
        var made: URL?
        if let preferred, (try? FileManager.default.createDirectory(at: preferred, withIntermediateDirectories: true)) != nil {
            Self.removeStale(in: preferred)
            made = Self.makeFolder(in: preferred)
        }
        if made == nil { made = Self.makeFolder(in: FileManager.default.temporaryDirectory) }
        guard let made else {
            throw LedgerError(.io, "cannot make a folder to spill the fold to; check the cache folder or TMPDIR is writable")
        }
        directory = made
        return made
    }

    private static func makeFolder(in parent: URL) -> URL? {
        var template = Array(parent.appendingPathComponent("spill-\(getpid())-XXXXXX").path.utf8CString)
        return template.withUnsafeMutableBufferPointer { buffer -> URL? in
            guard let base = buffer.baseAddress, mkdtemp(base) != nil else { return nil }
            return URL(fileURLWithPath: String(cString: base), isDirectory: true)
        }
    }

    /// Removes `spill-PID-*` folders in `parent` whose process is gone (a crash mid-pass).
    private static func removeStale(in parent: URL) {
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: parent.path) else { return }
        for name in names where name.hasPrefix("spill-") {
            let parts = name.split(separator: "-")
            guard parts.count == 3, let pid = Int32(parts[1]), pid != getpid() else { continue }
            if kill(pid, 0) != 0, errno == ESRCH {
                try? FileManager.default.removeItem(at: parent.appendingPathComponent(name))
            }
        }
    }
}
