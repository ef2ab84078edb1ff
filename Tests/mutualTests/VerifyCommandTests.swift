import Foundation
import MutualLedger
import Testing

/// `mutual verify` on tampered copies of a 50-line ledger: exit 1, one line on stderr naming the seq,
/// and the same seq in `--json`.
struct VerifyCommandTests {
    /// A 50-line ledger built through the library with a fixed clock: genesis, alice and bob enrolled
    /// (seq 1, 2), notes, bob revoked at seq 25, more notes.
    struct Fixture {
        static let revokedAt = 25
        let steward: SigningKey
        let alice: SigningKey
        let bob: SigningKey
        let ledger: Ledger<CoreRules>
        let lines: [[UInt8]]

        init(root: URL) throws {
            let keys = try (1...3).map { try SigningKey(seed: Array(repeating: UInt8($0), count: 32)) }
            (steward, alice, bob) = (keys[0], keys[1], keys[2])
            let ledger = Ledger(directory: LedgerDirectory(root.appendingPathComponent("ledger")), rules: CoreRules(),
                                clock: { Date(timeIntervalSince1970: 1_767_225_600) })
            self.ledger = ledger
            try ledger.create(origin: "example.org/verify-cli", steward: keys[0])
            func append(_ type: String, _ body: [String: JSONValue], _ key: SigningKey) throws {
                _ = try ledger.append([try ledger.sign(type: type, body: body, key: key)])
            }
            for (actor, key) in [("alice", keys[1]), ("bob", keys[2])] {
                try append(CoreEventType.actorEnrolled,
                           ActorEnrolledBody(actor: actor, name: actor, publicKey: key.publicKey, org: nil, roles: ["steward"]).json,
                           keys[0])
            }
            for n in 3..<50 {
                if n == Self.revokedAt {
                    try append(CoreEventType.actorRevoked, ActorRevokedBody(actor: "bob", reason: "left").json, keys[0])
                } else {
                    try append("policy.set", ["debriefWithinDays": .integer(Int64(n))], n < Self.revokedAt ? keys[1 + n % 2] : keys[1])
                }
            }
            lines = try logLines(ledger.directory.root)
        }

        /// Line `seq` re-signed by `key`, later lines re-chained.
        func resigned(seq: Int, with key: SigningKey) throws -> [[UInt8]] {
            var result = Array(lines[..<seq])
            var prev = LedgerLine.hash(of: lines[seq - 1])
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

    enum Tamper: String, CaseIterable, Sendable {
        case flipByte, deleteLine, duplicateLine, swapLines, insertLine, unenrolledKey, revokedKey, tornTail

        /// The tampered log, and the seq verify must name.
        func apply(_ fixture: Fixture) throws -> (bytes: [UInt8], seq: Int) {
            var lines = fixture.lines
            var seq: Int
            switch self {
            case .flipByte: lines[30][40] ^= 0x01; seq = 30
            case .deleteLine: lines.remove(at: 12); seq = 12
            case .duplicateLine: lines.insert(lines[7], at: 8); seq = 8
            case .swapLines: lines.swapAt(20, 21); seq = 20
            case .insertLine: lines.insert(lines[5], at: 40); seq = 40
            case .unenrolledKey: lines = try fixture.resigned(seq: 33, with: SigningKey(seed: Array(repeating: 9, count: 32))); seq = 33
            case .revokedKey: lines = try fixture.resigned(seq: 44, with: fixture.bob); seq = 44
            case .tornTail: seq = 50
            }
            var bytes = Array(lines.map { $0 + [0x0a] }.joined())
            if self == .tornTail { bytes += Array(#"{"event":{"author":"ed25519:"#.utf8) }
            return (bytes, seq)
        }
    }

    @Test(arguments: Tamper.allCases)
    func verifyExits1NamingTheSeq(tamper: Tamper) throws {
        try withTemporaryDirectory("verify") { dir in
            let fixture = try Fixture(root: dir)
            let path = fixture.ledger.directory.root.path
            try expectSuccess(try CLI.mutual(["verify", "--ledger", path]))
            let (bytes, seq) = try tamper.apply(fixture)
            try Data(bytes).write(to: fixture.ledger.directory.events)
            let result = try CLI.mutual(["verify", "--ledger", path])
            #expect(result.status == 1)
            #expect(result.stderrLines.count == 1)
            #expect(result.stderr.hasPrefix("mutual: invalid: seq \(seq): "), "\(result.stderr)")
            let json = try CLI.mutual(["verify", "--ledger", path, "--json"])
            #expect(json.status == 1)
            let report = try JSONValue(parsing: Array(json.stdout.utf8))
            #expect(report["valid"] == .bool(false))
            #expect(report["failure"]?["seq"] == .integer(Int64(seq)))
            if tamper == .tornTail { #expect(report["failure"]?["code"] == .string("torn-tail")) }
            if tamper == .revokedKey { #expect(result.stderr.contains("revoked at seq \(Fixture.revokedAt)")) }
        }
    }
}
