import Foundation
import MutualLedger
import Testing

/// A partnership ledger to attack: orgs nuth and gulu-rrh, partnership ukug-1, coordinator amina
/// (nuth.pem), the steward (steward.pem), a key enrolled nowhere (stranger.pem), and a visit signed
/// offline by amina and not yet submitted (signed-visit.json). Built once with the CLI, then copied
/// into each case's own temporary folder.
struct HostileFixture {
    let root: URL
    var ledger: URL { root.appendingPathComponent("ledger") }
    var log: URL { ledger.appendingPathComponent("events.jsonl") }

    func path(_ name: String) -> String { root.appendingPathComponent(name).path }

    /// Writes `bytes` to `name` in the case folder and returns its path.
    @discardableResult
    func write(_ name: String, _ bytes: [UInt8], mode: Int = 0o644) throws -> String {
        let url = root.appendingPathComponent(name)
        try Data(bytes).write(to: url)
        try FileManager.default.setAttributes([.posixPermissions: mode], ofItemAtPath: url.path)
        return url.path
    }

    @discardableResult
    func write(_ name: String, _ text: String, mode: Int = 0o644) throws -> String {
        try write(name, Array(text.utf8), mode: mode)
    }

    /// Appends raw bytes to a file of the ledger folder.
    func append(_ bytes: [UInt8], to name: String = "events.jsonl") throws {
        let handle = try FileHandle(forWritingTo: ledger.appendingPathComponent(name))
        try handle.seekToEnd()
        try handle.write(contentsOf: Data(bytes))
        try handle.close()
    }

    /// Replaces a file of the ledger folder with `transform` of its bytes.
    func edit(_ name: String, _ transform: ([UInt8]) throws -> [UInt8]) throws {
        let url = ledger.appendingPathComponent(name)
        try Data(try transform(Array(try Data(contentsOf: url)))).write(to: url)
    }

    /// `record visit` arguments for a valid new visit by amina, plus `extra`.
    func visitArguments(key: String? = nil, id: String = "v-new") -> [String] {
        ["record", "visit", "--ledger", ledger.path, "--key", key ?? path("nuth.pem"), "--partnership", "ukug-1",
         "--visit", id, "--from", "nuth", "--to", "gulu-rrh", "--start", "2026-03-02", "--end", "2026-03-06",
         "--mode", "in-person", "--traveller", "p-017:nurse:senior", "--purpose", "training",
         "--needs-identified-by", "host", "--briefed"]
    }

    /// Generic `record --type visit.recorded --body FILE` by amina.
    func recordBody(_ body: String) -> [String] {
        ["record", "--ledger", ledger.path, "--key", path("nuth.pem"), "--type", "visit.recorded",
         "--partnership", "ukug-1", "--body", body]
    }

    func importArguments(_ csv: String, key: String? = nil) -> [String] {
        ["import", csv, "--ledger", ledger.path, "--key", key ?? path("nuth.pem")]
    }

    /// A fresh copy of the template in its own temporary folder.
    static func make(in folder: URL) throws -> HostileFixture {
        let template = try templateResult.get()
        let root = folder.appendingPathComponent("case")
        try FileManager.default.copyItem(at: template, to: root)
        return HostileFixture(root: root)
    }

    private static let templateResult: Result<URL, any Error> = Result { try buildTemplate() }

    private static func buildTemplate() throws -> URL {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("mutual-hostile-template-\(UUID().uuidString.lowercased())")
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
        let fixture = HostileFixture(root: root)
        let ledger = ["--ledger", fixture.ledger.path]
        func ok(_ arguments: [String]) throws { try expectSuccess(try CLI.mutual(arguments)) }
        for name in ["steward", "nuth", "stranger"] { try ok(["key", "generate", "--out", fixture.path("\(name).pem")]) }
        let steward = ["--key", fixture.path("steward.pem")]
        try ok(["init"] + ledger + ["--origin", "example.org/hostile", "--steward-key", fixture.path("steward.pem")])
        try ok(["org", "add"] + ledger + steward + ["--id", "nuth", "--name", "Newcastle", "--country", "GB", "--income-group", "HIC", "--kind", "nhs-trust"])
        try ok(["org", "add"] + ledger + steward + ["--id", "gulu-rrh", "--name", "Gulu RRH", "--country", "UG", "--income-group", "LIC", "--kind", "hospital"])
        try ok(["partnership", "add"] + ledger + steward + ["--id", "ukug-1", "--org", "nuth", "--org", "gulu-rrh", "--lead", "nuth",
                                                            "--funder", "THET", "--scheme", "HPS", "--start", "2025-04-01"])
        try ok(["actor", "enroll"] + ledger + steward + ["--actor", "amina", "--name", "Amina", "--public-key", fixture.path("nuth.pem"),
                                                        "--org", "nuth", "--role", "coordinator"])
        var sign = fixture.visitArguments(id: "v-offline")
        sign.replaceSubrange(0..<4, with: ["sign", "visit", "--out", fixture.path("signed-visit.json")])
        try ok(sign)
        try ok(fixture.visitArguments(id: "v-first"))
        return root
    }
}

/// Runs `mutual` for a hostile case and checks the promises: the documented exit code, exactly one
/// stderr line starting `mutual: ` that names the problem, and every ledger file byte-identical.
func expectCleanRefusal(_ arguments: [String], fixture: HostileFixture, status: Int32, mentions: String,
                        stdin: String? = nil, sourceLocation: SourceLocation = #_sourceLocation) throws {
    let before = try fileHashes(fixture.ledger)
    let result = try CLI.mutual(arguments, stdin: stdin)
    #expect(result.status == status, "exit \(result.status), stderr: \(result.stderr.prefix(400))", sourceLocation: sourceLocation)
    let lines = result.stderrLines
    #expect(lines.count == 1, "stderr has \(lines.count) lines: \(result.stderr.prefix(400))", sourceLocation: sourceLocation)
    #expect(lines.first?.hasPrefix("mutual: ") == true, "stderr: \(result.stderr.prefix(400))", sourceLocation: sourceLocation)
    #expect(result.stderr.contains(mentions), "stderr does not mention \"\(mentions)\": \(result.stderr.prefix(400))", sourceLocation: sourceLocation)
    #expect(try fileHashes(fixture.ledger) == before, "a ledger file changed", sourceLocation: sourceLocation)
}
