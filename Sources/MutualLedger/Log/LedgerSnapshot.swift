import Foundation

/// What the append path remembers between runs in `DIR/cache/`, so that an append reads only
/// the log's tail and the few cached entries it needs: the fold's small parts (chain position,
/// registry, the rules state's in-memory parts) as JSON in `cache/state-NAME.json`, and its large
/// parts in ``CacheTable``s (`cache/NAME-ids.*` for event ids, `cache/NAME-PART.*` for each
/// table-backed part of a ``CacheTableState``), which are appended to, not rewritten.
///
/// A snapshot is trusted only if the line it names still sits at the offset it names with the
/// hash it names, and every table it names matches (generation, length); otherwise it is ignored
/// and rebuilt. The cache can be deleted at any time.
struct LedgerSnapshot<Rules: LedgerRules>: Codable {
    var rules: String
    var rulesVersion: Int
    var count: Int
    var lastHash: String
    /// Offset of the first byte of line `count - 1`, and just past its newline.
    var lastOffset: Int64
    var end: Int64
    var registry: KeyRegistry
    var state: Rules.State
    var tables: [String: CacheTable.Ref]

    static func stateURL(_ directory: LedgerDirectory) -> URL {
        directory.cache.appendingPathComponent("state-\(Rules.name).json")
    }

    static func tables(_ directory: LedgerDirectory) -> FoldTables {
        FoldTables(directory: directory.cache, prefix: "\(Rules.name)-")
    }

    /// Loads a snapshot that matches the log, as a fold positioned at its end; nil if there is none that matches.
    /// `lookups`: how many keys the caller's batch will look up (``FoldTables/restore(rules:count:lastHash:registry:state:refs:lookups:)``).
    static func load(_ directory: LedgerDirectory, log: LogFile, rules: Rules, lookups: Int = 0) -> (LedgerFold<Rules>, end: Int64)? {
        guard let data = try? FileIO.readSmallFile(stateURL(directory), limit: 256 << 20, what: "cache"),
              let snapshot = try? JSONDecoder().decode(LedgerSnapshot.self, from: Data(data)),
              snapshot.rules == Rules.name, snapshot.rulesVersion == Rules.version, snapshot.count > 0,
              snapshot.end > snapshot.lastOffset,
              let line = try? log.read(at: snapshot.lastOffset, count: Int(snapshot.end - snapshot.lastOffset)),
              line.last == 0x0a, LedgerLine.hash(of: line.dropLast()) == snapshot.lastHash,
              let fold = tables(directory).restore(rules: rules, count: snapshot.count, lastHash: snapshot.lastHash,
                                                   registry: snapshot.registry, state: snapshot.state, refs: snapshot.tables,
                                                   lookups: lookups)
        else { return nil }
        return (fold, snapshot.end)
    }

    /// Saves the fold as of the line at `lastOffset..<end`: appends what changed to its tables
    /// (or writes them anew), then replaces the JSON. Best effort: a failure only costs a slower next append.
    static func save(_ fold: LedgerFold<Rules>, lastOffset: Int64, end: Int64, directory: LedgerDirectory) {
        do {
            try FileManager.default.createDirectory(at: directory.cache, withIntermediateDirectories: true)
        } catch {
            return
        }
        do throws(LedgerError) {
            let (state, refs) = try tables(directory).persist(fold, sync: false)
            let snapshot = LedgerSnapshot(rules: Rules.name, rulesVersion: Rules.version, count: fold.count,
                                          lastHash: fold.lastHash, lastOffset: lastOffset, end: end,
                                          registry: fold.registry, state: state, tables: refs)
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys]
            guard let json = try? encoder.encode(snapshot) else { throw LedgerError(.io, "cannot encode the cache") }
            try FileIO.replaceAtomically(stateURL(directory), contents: Array(json), sync: false)
        } catch {
            try? FileManager.default.removeItem(at: stateURL(directory))
        }
    }
}
