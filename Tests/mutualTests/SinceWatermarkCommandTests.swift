import Foundation
import MutualLedger
import Testing

/// `mutual verify --since-watermark`: the same exit code, error line and JSON verdict as `verify`,
/// checking only the lines after the watermark when it matches the log.
struct SinceWatermarkCommandTests {
    enum NewLineTamper: String, CaseIterable, Sendable {
        case flipByte, deleteLine, duplicateLine, swapLines, tornTail
    }

    /// Tampering with lines recorded after the watermark (at 50): the full pass's exit code, line and seq.
    @Test(arguments: NewLineTamper.allCases)
    func sameVerdictAsTheFullPass(tamper: NewLineTamper) throws {
        try withTemporaryDirectory("since-cli") { dir in
            let fixture = try VerifyCommandTests.Fixture(root: dir)
            let path = fixture.ledger.directory.root.path
            try expectSuccess(try CLI.mutual(["verify", "--ledger", path, "--quiet"]))
            try Self.recordPolicies(3, fixture: fixture, dir: dir)
            var lines = try logLines(fixture.ledger.directory.root)
            var bytes: [UInt8]
            let seq: Int
            switch tamper {
            case .flipByte: lines[51][60] ^= 0x01; seq = 51
            case .deleteLine: lines.remove(at: 51); seq = 51
            case .duplicateLine: lines.insert(lines[50], at: 51); seq = 51
            case .swapLines: lines.swapAt(51, 52); seq = 51
            case .tornTail: seq = 53
            }
            bytes = Array(lines.map { $0 + [0x0a] }.joined())
            if tamper == .tornTail { bytes += Array("{\"seq\":5".utf8) }
            try Data(bytes).write(to: fixture.ledger.directory.events)
            let since = try CLI.mutual(["verify", "--ledger", path, "--since-watermark"])
            let full = try CLI.mutual(["verify", "--ledger", path])
            #expect(since.status == 1 && since.stderr == full.stderr && since.stderrLines.count == 1, "\(since.stderr)")
            #expect(full.stderr.hasPrefix("mutual: invalid: seq \(seq): "), "\(full.stderr)")
            let jsonRun = try CLI.mutual(["verify", "--ledger", path, "--since-watermark", "--json"])
            #expect(jsonRun.status == 1)
            let json = try JSONValue(parsing: Array(jsonRun.stdout.utf8))
            #expect(json["failure"]?["seq"] == .integer(Int64(seq)) && json["resumedFrom"] == .integer(50))
        }
    }

    static func recordPolicies(_ count: Int, fixture: VerifyCommandTests.Fixture, dir: URL) throws {
        let steward = dir.appendingPathComponent("steward.pem")
        if !FileManager.default.fileExists(atPath: steward.path) { try fixture.steward.write(to: steward) }
        for n in 0..<count {
            let body = dir.appendingPathComponent("b.json")
            try Data("{\"debriefWithinDays\":\(60 + n)}".utf8).write(to: body)
            try expectSuccess(try CLI.mutual(["record", "--ledger", fixture.ledger.directory.root.path, "--type", "policy.set",
                                              "--body", body.path, "--key", steward.path]))
        }
    }

    @Test func checksOnlyTheLinesAfterTheWatermark() throws {
        try withTemporaryDirectory("since-cli-ok") { dir in
            let fixture = try VerifyCommandTests.Fixture(root: dir)
            let path = fixture.ledger.directory.root.path
            let first = try expectSuccess(try CLI.mutual(["verify", "--ledger", path, "--since-watermark"]))
            #expect(first.stderr.contains("verified every line: there is no watermark yet"))
            let quiet = try expectSuccess(try CLI.mutual(["verify", "--ledger", path, "--since-watermark", "--quiet"]))
            #expect(quiet.stderr.isEmpty)
            try Self.recordPolicies(3, fixture: fixture, dir: dir)
            let logBefore = try fileHashes(fixture.ledger.directory.root).filter { !$0.key.contains("cache") }
            let run = try expectSuccess(try CLI.mutual(["verify", "--ledger", path, "--since-watermark", "--json"]))
            let json = try JSONValue(parsing: Array(run.stdout.utf8))
            #expect(json["valid"] == .bool(true) && json["verified"] == .integer(53))
            #expect(json["checked"] == .integer(3) && json["resumedFrom"] == .integer(50))
            let text = try expectSuccess(try CLI.mutual(["verify", "--ledger", path, "--since-watermark"]))
            #expect(text.stdout.contains("checked the 0 lines after the watermark at 53"))
            #expect(try fileHashes(fixture.ledger.directory.root).filter { !$0.key.contains("cache") } == logBefore)
        }
    }
}
