import Foundation

/// Copies of a generated ledger for the rows that write (import, submit, the incremental rows), so
/// every other row sees the ledger as generated; and the removal of report snapshots for
/// from-scratch report runs.
///
/// ```swift
/// let copy = try LedgerCopy.make(of: ledger.directory, named: "import", in: work)
/// defer { LedgerCopy.remove(copy) }
/// ```
enum LedgerCopy {
    /// A full copy (`cp -r`) of `directory` as `work/<name>-copy`; an earlier copy of that name is replaced.
    static func make(of directory: URL, named name: String, in work: URL) throws -> URL {
        let copy = work.appendingPathComponent("\(name)-copy")
        try? FileManager.default.removeItem(at: copy)
        do {
            try FileManager.default.copyItem(at: directory, to: copy)
        } catch {
            throw BenchError("cannot copy the ledger to \(copy.path): \(error.localizedDescription); free some disk space")
        }
        return copy
    }

    static func remove(_ copy: URL) {
        try? FileManager.default.removeItem(at: copy)
    }

    /// The names in `DIR/cache` now (taken before any report runs: the ledger's own append cache).
    static func cacheNames(_ directory: URL) -> Set<String> {
        Set((try? FileManager.default.contentsOfDirectory(atPath: directory.appendingPathComponent("cache").path)) ?? [])
    }

    /// Deletes from `DIR/cache` everything a report may have left there (a projection snapshot):
    /// every entry not in `keeping`, and any entry whose name mentions a report, projection or snapshot.
    /// Returns the names removed. The cache may be deleted at any time, so this loses nothing.
    @discardableResult
    static func removeReportSnapshots(_ directory: URL, keeping: Set<String>) -> [String] {
        let cache = directory.appendingPathComponent("cache")
        let names = (try? FileManager.default.contentsOfDirectory(atPath: cache.path)) ?? []
        let removed = names.filter { name in
            let lower = name.lowercased()
            return !keeping.contains(name) || ["report", "projection", "snapshot"].contains { lower.contains($0) }
        }
        for name in removed { try? FileManager.default.removeItem(at: cache.appendingPathComponent(name)) }
        return removed.sorted()
    }
}
