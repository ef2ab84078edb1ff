import Foundation

/// What the append path remembers between runs in `DIR/cache/`, so that an append reads only
/// the log's tail: the fold (registry, rules state) as of a line, and the event ids in `cache/ids`.
///
/// A snapshot is trusted only if the line it names still sits at the offset it names with the
/// hash it names; otherwise it is ignored and rebuilt. The cache can be deleted at any time.
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

    static func stateURL(_ directory: LedgerDirectory) -> URL {
        directory.cache.appendingPathComponent("state-\(Rules.name).json")
    }

    static func idsURL(_ directory: LedgerDirectory) -> URL {
        directory.cache.appendingPathComponent("ids")
    }

    /// Loads a snapshot that matches the log, as a fold positioned at its end; nil if there is none that matches.
    static func load(_ directory: LedgerDirectory, log: LogFile, rules: Rules) -> (LedgerFold<Rules>, end: Int64)? {
        guard let data = try? FileIO.readSmallFile(stateURL(directory), limit: 256 << 20, what: "cache"),
              let snapshot = try? JSONDecoder().decode(LedgerSnapshot.self, from: Data(data)),
              snapshot.rules == Rules.name, snapshot.rulesVersion == Rules.version, snapshot.count > 0,
              snapshot.end > snapshot.lastOffset,
              let line = try? log.read(at: snapshot.lastOffset, count: Int(snapshot.end - snapshot.lastOffset)),
              line.last == 0x0a, LedgerLine.hash(of: line.dropLast()) == snapshot.lastHash,
              let ids = try? FileIO.readSmallFile(idsURL(directory), limit: 1 << 30, what: "cache"),
              ids.count >= snapshot.count * 16
        else { return nil }
        let fold = LedgerFold(rules: rules, count: snapshot.count, lastHash: snapshot.lastHash,
                              registry: snapshot.registry, state: snapshot.state,
                              ids: EventIDIndex(packed: Array(ids.prefix(snapshot.count * 16))))
        return (fold, snapshot.end)
    }

    /// Saves the fold as of the line at `lastOffset..<end`. Best effort: a failure only costs a slower next append.
    static func save(_ fold: LedgerFold<Rules>, lastOffset: Int64, end: Int64, directory: LedgerDirectory) {
        let snapshot = LedgerSnapshot(rules: Rules.name, rulesVersion: Rules.version, count: fold.count,
                                      lastHash: fold.lastHash, lastOffset: lastOffset, end: end,
                                      registry: fold.registry, state: fold.state)
        do {
            try FileManager.default.createDirectory(at: directory.cache, withIntermediateDirectories: true)
            let ids = fold.ids.packedBytes(count: fold.count)
            try FileIO.replaceAtomically(idsURL(directory), contents: ids)
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys]
            try FileIO.replaceAtomically(stateURL(directory), contents: Array(try encoder.encode(snapshot)))
        } catch {
            try? FileManager.default.removeItem(at: stateURL(directory))
        }
    }
}
