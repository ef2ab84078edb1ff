import Foundation
import MutualLedger
import Testing

/// A fixed clock, so every `recorded` stamp (and so every line) is reproducible.
let fixedClock: @Sendable () -> Date = { Date(timeIntervalSince1970: 1_767_225_600) }

/// Runs `body` with a fresh folder under the system temporary directory, removed afterwards.
func withTemporaryDirectory<T>(_ label: String = "test", _ body: (URL) throws -> T) throws -> T {
    let url = FileManager.default.temporaryDirectory
        .appendingPathComponent("mutual-\(label)-\(UUID().uuidString.lowercased())")
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: url) }
    return try body(url)
}

func hexBytes(_ text: String) -> [UInt8] {
    var bytes: [UInt8] = []
    var index = text.startIndex
    while index < text.endIndex {
        let next = text.index(index, offsetBy: 2)
        bytes.append(UInt8(text[index..<next], radix: 16) ?? 0)
        index = next
    }
    return bytes
}

/// A deterministic key from one repeated seed byte.
func seededKey(_ byte: UInt8) throws -> SigningKey {
    try SigningKey(seed: Array(repeating: byte, count: 32))
}

/// The 50-line ledger the tamper tests work on.
///
/// - seq 0: genesis (steward); 1-3: enroll alice, bob, dave (coordinators)
/// - seq 4-19: `note.added` by alice, bob, dave in turn
/// - seq 20: steward revokes dave
/// - seq 21-49: `note.added` by alice, bob, steward in turn
struct TamperFixture {
    static let lineCount = 50
    static let revokedAt = 20

    let steward: SigningKey
    let alice: SigningKey
    let bob: SigningKey
    let dave: SigningKey
    /// A valid key that is never enrolled.
    let stranger: SigningKey
    let ledger: Ledger<CoreRules>
    /// The log's bytes, lines split without their newlines.
    let lines: [[UInt8]]

    var directory: LedgerDirectory { ledger.directory }

    init(root: URL) throws {
        steward = try seededKey(1)
        alice = try seededKey(2)
        bob = try seededKey(3)
        dave = try seededKey(4)
        stranger = try seededKey(9)
        let ledger = Ledger(directory: LedgerDirectory(root.appendingPathComponent("ledger")), rules: CoreRules(), clock: fixedClock)
        self.ledger = ledger
        let (steward, alice, bob, dave) = (steward, alice, bob, dave)
        func append(_ type: String, _ body: [String: JSONValue], _ key: SigningKey) throws {
            _ = try ledger.append([try ledger.sign(type: type, body: body, partnership: "ukug-1", key: key)])
        }
        try ledger.create(origin: "example.org/tamper-tests", steward: steward, logKey: try seededKey(5))
        for (actor, key) in [("alice", alice), ("bob", bob), ("dave", dave)] {
            let body = ActorEnrolledBody(actor: actor, name: "\(actor.capitalized) (coordinator)", publicKey: key.publicKey,
                                         org: "org-\(actor)", roles: ["coordinator"])
            try append(CoreEventType.actorEnrolled, body.json, steward)
        }
        for n in 4..<Self.revokedAt {
            try append("note.added", Self.note(n), [alice, bob, dave][n % 3])
        }
        try append(CoreEventType.actorRevoked, ActorRevokedBody(actor: "dave", reason: "laptop stolen").json, steward)
        for n in (Self.revokedAt + 1)..<Self.lineCount {
            try append("note.added", Self.note(n), [alice, bob, steward][n % 3])
        }
        let bytes = try Data(contentsOf: ledger.directory.events)
        lines = bytes.split(separator: 0x0a, omittingEmptySubsequences: false).dropLast().map { Array($0) }
    }

    static func note(_ n: Int) -> [String: JSONValue] {
        ["n": .integer(Int64(n)), "text": .string("Ward round \(n): \"handover\" checked — ça va ✓\nnext step"),
         "tags": .array([.string("made-up"), .bool(n % 2 == 0), .null])]
    }

    /// Writes `lines` (each followed by a newline) as the log, replacing it.
    func write(_ lines: [[UInt8]]) throws {
        try write(bytes: Array(lines.map { $0 + [0x0a] }.joined()))
    }

    func write(bytes: [UInt8]) throws {
        try Data(bytes).write(to: directory.events)
    }

    /// What an operator who rewrote the log would also do: drop the hash store and every checkpoint
    /// and issue them anew from the rewritten log (only an auditor's remembered checkpoint catches that).
    func reissueTransparencyFiles() throws {
        for url in [directory.hashes, directory.checkpoint, directory.checkpoints] {
            try? FileManager.default.removeItem(at: url)
        }
        _ = try ledger.repair(hashes: true)
    }

    /// The seq of the first failure `verify` reports (nil if the log verifies).
    func failingSeq() throws -> Int? {
        try ledger.verify().failure.map { $0.seq ?? -1 }
    }

    /// The log with line `seq`'s event replaced by `event` signed with `key`, and every later line
    /// re-chained (new `prev`), so the only thing wrong is that one signature's key.
    func resigned(seq: Int, with key: SigningKey) throws -> [[UInt8]] {
        var result = Array(lines[..<seq])
        var prev = seq == 0 ? LedgerLine.zeroHash : LedgerLine.hash(of: lines[seq - 1])
        for index in seq..<lines.count {
            var line = try LedgerLine(bytes: lines[index])
            line.prev = prev
            if index == seq {
                var event = line.event
                event.author = key.id
                line.signed = try EventSignature.sign(event, with: key)
            }
            result.append(line.bytes)
            prev = LedgerLine.hash(of: line.bytes)
        }
        return result
    }
}
