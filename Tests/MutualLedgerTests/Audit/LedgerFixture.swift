import Foundation
import MutualLedger

/// A real ledger with core rules in its own temporary folder, built one append at a time so a
/// checkpoint is issued at every size.
final class LedgerFixture {
    let root: URL
    let ledger: Ledger<CoreRules>
    let steward: SigningKey
    let logKey: SigningKey
    private var counter = 0

    init(lines: Int, steward: SigningKey? = nil, logKey: SigningKey? = nil, folder: String = "ledger") throws {
        root = try temporaryDirectory()
        self.steward = try steward ?? SigningKey(seed: Array(repeating: 7, count: 32))
        self.logKey = try logKey ?? SigningKey(seed: Array(repeating: 9, count: 32))
        ledger = Ledger(directory: LedgerDirectory(root.appendingPathComponent(folder)), rules: CoreRules(),
                        clock: { Date(timeIntervalSince1970: 1_767_225_600) })
        try ledger.create(origin: "example.org/fixture", steward: self.steward, logKey: self.logKey)
        try append(lines - 1)
    }

    deinit { try? FileManager.default.removeItem(at: root) }

    var directory: LedgerDirectory { ledger.directory }
    var vkey: NoteVerifierKey { get throws { try ledger.logVerifierKey() } }

    /// Appends `count` events, one batch each.
    func append(_ count: Int, text: String = "note") throws {
        for _ in 0..<count {
            counter += 1
            _ = try ledger.append([ledger.sign(type: "note.added", body: ["text": .string("\(text) \(counter)")], key: steward)])
        }
    }

    /// Line `seq` of the log, without its newline.
    func line(_ seq: Int) throws -> [UInt8] {
        let data = try Data(contentsOf: directory.events)
        let lines = data.split(separator: 0x0a, omittingEmptySubsequences: false)
        return Array(lines[seq])
    }

    func bytes(_ url: URL) -> Data? { try? Data(contentsOf: url) }

    /// What a malicious operator does to hide the last lines: cut the log to `keep` lines and
    /// rebuild the hash store and checkpoints so that `verify` passes.
    func rollBack(keep: Int) throws {
        let data = try Data(contentsOf: directory.events)
        var lines = data.split(separator: 0x0a, omittingEmptySubsequences: true).prefix(keep).map { Data($0) + Data([0x0a]) }
        try lines.reduce(Data(), +).write(to: directory.events)
        lines.removeAll()
        for url in [directory.hashes, directory.checkpoint, directory.checkpoints, directory.cache] {
            try? FileManager.default.removeItem(at: url)
        }
        _ = try ledger.repair(hashes: true)
    }

    /// A second ledger sharing the first `keep` lines and the log key, then going its own way:
    /// the same log key signing two histories (a fork, or a split view).
    func fork(keep: Int, extra: Int) throws -> LedgerFixture {
        let other = try LedgerFixture(lines: 1, steward: steward, logKey: logKey, folder: "fork")
        let data = try Data(contentsOf: directory.events)
        let kept = data.split(separator: 0x0a, omittingEmptySubsequences: true).prefix(keep).map { Data($0) + Data([0x0a]) }
        try kept.reduce(Data(), +).write(to: other.directory.events)
        for url in [other.directory.hashes, other.directory.checkpoint, other.directory.checkpoints, other.directory.cache] {
            try? FileManager.default.removeItem(at: url)
        }
        _ = try other.ledger.repair(hashes: true)
        try other.append(extra, text: "forked")
        return other
    }
}
