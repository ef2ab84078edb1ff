import Foundation

/// What a witness remembers about one log: the log's verifier key and the last checkpoint it
/// cosigned. JSON, replaced atomically after each cosignature.
///
/// ```json
/// {"checkpoint":"example.org/ukug\n7\n…=\n\n— example.org/ukug …\n","format":"mutual-witness/v1","logKey":"example.org/ukug+1a2b3c4d+AX…","name":"witness.example/w1","size":7}
/// ```
///
/// ```swift
/// let state = try WitnessState.load(from: url)   // nil before the first cosignature
/// ```
public struct WitnessState: Codable, Sendable, Equatable {
    public static let format = "mutual-witness/v1"

    public var format: String
    /// The witness's key name, as in its cosignature lines.
    public var name: String
    /// The log's verifier key, trusted on first use (or given with --vkey).
    public var logKey: String
    /// The signed note text of the last checkpoint cosigned (with the log's signature).
    public var checkpoint: String
    /// Its size.
    public var size: Int64

    public init(name: String, logKey: String, checkpoint: String, size: Int64) {
        self.format = Self.format
        self.name = name
        self.logKey = logKey
        self.checkpoint = checkpoint
        self.size = size
    }

    public static func load(from url: URL) throws(LedgerError) -> WitnessState? {
        guard FileManager.default.fileExists(atPath: url.path) else { return nil }
        let bytes = try FileIO.readSmallFile(url, limit: 4 << 20, what: "witness state")
        guard let state = try? JSONDecoder().decode(WitnessState.self, from: Data(bytes)), state.format == format else {
            throw LedgerError(.validation, "\(url.lastPathComponent) is not a Mutual witness state file; give the file an earlier `mutual witness` wrote, or a new path")
        }
        return state
    }

    public func save(to url: URL) throws(LedgerError) {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        guard let data = try? encoder.encode(self) else {
            throw LedgerError(.io, "cannot encode the witness state; report this as a bug")
        }
        try FileIO.replaceAtomically(url, contents: Array(data) + [0x0a])
    }
}
