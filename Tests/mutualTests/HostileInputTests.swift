import Foundation
import MutualLedger
import Testing

/// Hostile input, end to end (issue 7): each case prepares an attack in its own copy of a partnership
/// ledger, runs one command, and expects the documented exit code (1 ledger invalid, 64 usage, 65 bad
/// input, 74 I/O), one stderr line `mutual: <problem>; <fix>` that names the problem, no crash, and
/// every file of the ledger folder byte-identical (hashed before and after the command).
@Suite("Hostile input (binary)")
struct HostileInputTests {
    struct Case: Sendable, CustomTestStringConvertible {
        let name: String
        let status: Int32
        let mentions: String
        let prepare: @Sendable (HostileFixture) throws -> [String]
        var testDescription: String { name }

        init(_ name: String, _ status: Int32, _ mentions: String, _ prepare: @escaping @Sendable (HostileFixture) throws -> [String]) {
            self.name = name
            self.status = status
            self.mentions = mentions
            self.prepare = prepare
        }
    }

    @Test(arguments: logCases + bodyCases + ledgerFlagCases + keyCases + csvCases + signedEventCases + transparencyCases + proofCases)
    func refusedCleanly(_ testCase: Case) throws {
        try withTemporaryDirectory("hostile") { dir in
            let fixture = try HostileFixture.make(in: dir)
            let arguments = try testCase.prepare(fixture)
            try expectCleanRefusal(arguments, fixture: fixture, status: testCase.status, mentions: testCase.mentions)
        }
    }

    @Test func tableHasAtLeastFortyCases() {
        let all = Self.logCases + Self.bodyCases + Self.ledgerFlagCases + Self.keyCases + Self.csvCases
            + Self.signedEventCases + Self.transparencyCases + Self.proofCases
        #expect(all.count >= 40)
        #expect(Set(all.map(\.name)).count == all.count)
    }

    static func verify(_ fixture: HostileFixture) -> [String] { ["verify", "--ledger", fixture.ledger.path] }

    // MARK: The log itself (read by verify; write commands refuse a damaged tail)

    static let logCases: [Case] = [
        Case("100 MB line in the log", 1, "longer than") { f in
            let handle = try FileHandle(forWritingTo: f.log)
            try handle.seekToEnd()
            let chunk = Data(repeating: UInt8(ascii: "a"), count: 1 << 20)
            for _ in 0..<100 { try handle.write(contentsOf: chunk) }
            try handle.write(contentsOf: Data([0x0a]))
            try handle.close()
            return verify(f)
        },
        Case("JSON nested 10,000 deep as a log line", 1, "nesting") { f in
            try f.append(Array(String(repeating: "[", count: 10_000).utf8) + Array(String(repeating: "]", count: 10_000).utf8) + [0x0a])
            return verify(f)
        },
        Case("CRLF line endings in the log", 1, "seq 0") { f in
            try f.edit("events.jsonl") { bytes in
                var out: [UInt8] = []
                for byte in bytes { if byte == 0x0a { out.append(0x0d) }; out.append(byte) }
                return out
            }
            return verify(f)
        },
        Case("record on a log with a CRLF last line", 1, "mutual repair") { f in
            try f.edit("events.jsonl") { Array($0.dropLast()) + [0x0d, 0x0a] }
            return f.visitArguments()
        },
        Case("BOM before the genesis line", 1, "seq 0") { f in
            try f.edit("events.jsonl") { [0xef, 0xbb, 0xbf] + $0 }
            return verify(f)
        },
        Case("NUL bytes as a line", 1, "seq 6") { f in
            try f.append([0, 0, 0, 0, 0x0a])
            return verify(f)
        },
        Case("NUL bytes as a torn tail blocks record", 1, "mutual repair") { f in
            try f.append([UInt8](repeating: 0, count: 512))
            return f.visitArguments()
        },
        Case("invalid UTF-8 inside a log line", 1, "seq 5") { f in
            try f.edit("events.jsonl") { bytes in
                var lines = bytes.split(separator: 0x0a, omittingEmptySubsequences: false).map(Array.init)
                if let at = lines[5].firstIndex(of: UInt8(ascii: "p")) { lines[5][at] = 0xff }
                return Array(lines.joined(separator: [0x0a]))
            }
            return verify(f)
        },
        Case("duplicate member names in a log line", 1, "duplicate") { f in
            try f.edit("events.jsonl") { bytes in
                var lines = bytes.split(separator: 0x0a, omittingEmptySubsequences: false).map(Array.init)
                lines[5] = Array(#"{"v":1,"#.utf8) + lines[5].dropFirst()
                return Array(lines.joined(separator: [0x0a]))
            }
            return verify(f)
        },
        Case("integer beyond 2^53 as seq", 1, "2^53") { f in
            try f.append(Array(#"{"event":{},"prev":"","seq":9007199254740993,"sig":"","v":1}"#.utf8) + [0x0a])
            return verify(f)
        },
    ]

    // MARK: Event bodies given to record

    static let bodyCases: [Case] = [
        Case("100 MB body file", 65, "larger than") { f in
            let url = f.root.appendingPathComponent("huge.json")
            _ = FileManager.default.createFile(atPath: url.path, contents: nil)
            let handle = try FileHandle(forWritingTo: url)
            try handle.truncate(atOffset: 100 << 20)
            try handle.close()
            return f.recordBody(url.path)
        },
        Case("body nested 10,000 deep", 65, "nesting") { f in
            let deep = String(repeating: #"{"a":"#, count: 10_000) + "1" + String(repeating: "}", count: 10_000)
            return f.recordBody(try f.write("b.json", deep))
        },
        Case("integer beyond 2^53 in a body", 65, "2^53") { f in f.recordBody(try f.write("b.json", #"{"visit":9007199254740993}"#)) },
        Case("negative zero in a body", 65, "-0") { f in f.recordBody(try f.write("b.json", #"{"visit":-0}"#)) },
        Case("invalid UTF-8 in a body", 65, "UTF-8") { f in
            f.recordBody(try f.write("b.json", Array(#"{"visit":""#.utf8) + [0xc3, 0x28] + Array(#""}"#.utf8)))
        },
        Case("lone surrogate in a body", 65, "surrogate") { f in f.recordBody(try f.write("b.json", #"{"visit":"\ud800"}"#)) },
        Case("NUL byte in a body string", 65, "control") { f in
            f.recordBody(try f.write("b.json", Array(#"{"visit":"a"#.utf8) + [0] + Array(#""}"#.utf8)))
        },
        Case("BOM before a body", 65, "byte order mark") { f in f.recordBody(try f.write("b.json", [0xef, 0xbb, 0xbf] + Array("{}".utf8))) },
        Case("duplicate member names in a body", 65, "duplicate") { f in f.recordBody(try f.write("b.json", #"{"visit":"a","visit":"b"}"#)) },
        Case("body file is a directory", 65, "not a regular file") { f in f.recordBody(f.root.path) },
    ]

    // MARK: --ledger

    static let ledgerFlagCases: [Case] = [
        Case("--ledger is a file", 64, "is a file") { f in
            var arguments = f.visitArguments()
            arguments[3] = f.path("nuth.pem")
            return arguments
        },
        Case("--ledger is a missing folder", 65, "no ledger") { f in ["verify", "--ledger", f.path("missing/ledger")] },
        Case("--ledger is a dangling symlink", 65, "no ledger") { f in
            try FileManager.default.createSymbolicLink(atPath: f.path("dangling"), withDestinationPath: f.path("nowhere"))
            return ["verify", "--ledger", f.path("dangling")]
        },
        Case("--ledger is a folder without events.jsonl", 65, "not a ledger") { f in
            try FileManager.default.createDirectory(atPath: f.path("empty"), withIntermediateDirectories: true)
            return ["verify", "--ledger", f.path("empty")]
        },
    ]
}
