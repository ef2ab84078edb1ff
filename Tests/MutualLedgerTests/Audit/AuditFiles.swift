import Foundation

/// The files an audit state keeps beside its JSON.
enum AuditFiles {
    /// `<state>.PART.values` / `<state>.PART.index`, sorted by name.
    static func tableFiles(of state: URL) throws -> [URL] {
        let folder = state.deletingLastPathComponent()
        return try FileManager.default.contentsOfDirectory(atPath: folder.path)
            .filter { $0.hasPrefix(state.lastPathComponent + ".") && ($0.hasSuffix(".values") || $0.hasSuffix(".index")) }
            .sorted()
            .map { folder.appendingPathComponent($0) }
    }
}
