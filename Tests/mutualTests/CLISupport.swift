import Foundation
import MutualLedger
import Testing

/// What a finished process left behind.
struct ProcessResult: Sendable {
    var status: Int32
    var stdout: String
    var stderr: String

    /// The stderr lines, without empty ones.
    var stderrLines: [Substring] { stderr.split(separator: "\n") }
}

struct TestSetupError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}

enum CLI {
    /// The package root: the nearest folder above this file that holds Package.swift.
    static let packageRoot: URL = {
        var url = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        while url.path != "/" {
            if FileManager.default.fileExists(atPath: url.appendingPathComponent("Package.swift").path) { return url }
            url = url.deletingLastPathComponent()
        }
        return URL(fileURLWithPath: FileManager.default.currentDirectoryPath)
    }()

    /// The built `mutual`: next to the test bundle (the products folder), else `.build/debug/mutual`.
    static let binary: URL? = {
        var candidates: [URL] = []
        if let override = ProcessInfo.processInfo.environment["MUTUAL_BINARY"] {
            candidates.append(URL(fileURLWithPath: override))
        }
        if let executable = Bundle.main.executableURL {
            candidates.append(executable.deletingLastPathComponent().appendingPathComponent("mutual"))
        }
        candidates.append(Bundle.main.bundleURL.deletingLastPathComponent().appendingPathComponent("mutual"))
        candidates.append(packageRoot.appendingPathComponent(".build/debug/mutual"))
        return candidates.first { FileManager.default.isExecutableFile(atPath: $0.path) }
    }()

    /// Environment of every child: the test's own, a fixed clock, and `extra`.
    static func environment(_ extra: [String: String]) -> [String: String] {
        var environment = ProcessInfo.processInfo.environment
        environment["MUTUAL_NOW"] = "2026-03-01T09:30:00Z"
        environment.removeValue(forKey: "MUTUAL_LEDGER")
        environment.merge(extra) { $1 }
        return environment
    }

    /// Runs the built `mutual` in `workspace` on the ledger `ledger`, with the clock the workspace
    /// tests use (`MUTUAL_LEDGER` and `MUTUAL_NOW` set), as the command-line workspaces do.
    static func mutual(_ arguments: [String], ledger: URL, in workspace: URL) throws -> ProcessResult {
        try mutual(arguments, environment: ["MUTUAL_LEDGER": ledger.path, "MUTUAL_NOW": "2026-03-25T10:00:00Z"], in: workspace)
    }

    /// Runs the built `mutual` with `arguments`.
    static func mutual(_ arguments: [String], environment: [String: String] = [:], stdin: String? = nil,
                       in directory: URL? = nil) throws -> ProcessResult {
        guard let binary else { throw TestSetupError("the mutual binary was not built; run `swift build` first") }
        return try run(binary, arguments, environment: environment, stdin: stdin, in: directory)
    }

    /// Runs a program found on PATH (openssl, bash, flock, ...).
    static func tool(_ name: String, _ arguments: [String], environment: [String: String] = [:], stdin: String? = nil,
                     in directory: URL? = nil) throws -> ProcessResult {
        try run(URL(fileURLWithPath: "/usr/bin/env"), [name] + arguments, environment: environment, stdin: stdin, in: directory)
    }

    /// Runs `executable`; output goes through temporary files, so large output never blocks the child.
    static func run(_ executable: URL, _ arguments: [String], environment: [String: String] = [:], stdin: String? = nil,
                    in directory: URL? = nil) throws -> ProcessResult {
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("mutual-io-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: scratch) }
        let outURL = scratch.appendingPathComponent("out"), errURL = scratch.appendingPathComponent("err")
        let inURL = scratch.appendingPathComponent("in")
        try Data((stdin ?? "").utf8).write(to: inURL)
        _ = FileManager.default.createFile(atPath: outURL.path, contents: nil)
        _ = FileManager.default.createFile(atPath: errURL.path, contents: nil)
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        process.environment = Self.environment(environment)
        if let directory { process.currentDirectoryURL = directory }
        process.standardInput = try FileHandle(forReadingFrom: inURL)
        process.standardOutput = try FileHandle(forWritingTo: outURL)
        process.standardError = try FileHandle(forWritingTo: errURL)
        try process.run()
        process.waitUntilExit()
        return ProcessResult(status: process.terminationStatus,
                             stdout: try String(contentsOf: outURL, encoding: .utf8),
                             stderr: try String(contentsOf: errURL, encoding: .utf8))
    }
}

/// Runs `body` with a fresh folder under the system temporary directory, removed afterwards.
func withTemporaryDirectory<T>(_ label: String = "cli", _ body: (URL) throws -> T) throws -> T {
    let url = FileManager.default.temporaryDirectory
        .appendingPathComponent("mutual-\(label)-\(UUID().uuidString.lowercased())")
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: url) }
    return try body(url)
}

/// SHA-256 of every file under `folder`, by relative path.
func fileHashes(_ folder: URL) throws -> [String: String] {
    var hashes: [String: String] = [:]
    guard let walker = FileManager.default.enumerator(at: folder, includingPropertiesForKeys: [.isRegularFileKey]) else {
        return hashes
    }
    let base = folder.standardizedFileURL.path
    for case let url as URL in walker where (try url.resourceValues(forKeys: [.isRegularFileKey])).isRegularFile == true {
        let relative = String(url.standardizedFileURL.path.dropFirst(base.count))
        hashes[relative] = LedgerLine.hash(of: Array(try Data(contentsOf: url)))
    }
    return hashes
}

/// The complete lines of a ledger's log, without newlines.
func logLines(_ ledger: URL) throws -> [[UInt8]] {
    let bytes = try Data(contentsOf: ledger.appendingPathComponent("events.jsonl"))
    return bytes.split(separator: 0x0a, omittingEmptySubsequences: false).dropLast().map { Array($0) }
}

/// A ledger made with the CLI: a steward key, `mutual init`, and a body file for `record`
/// (a ledger-wide `policy.set`, which the steward may record again and again).
struct CLILedger {
    let root: URL
    let ledger: URL
    let steward: URL
    let body: URL

    init(in root: URL, origin: String = "example.org/cli-tests") throws {
        self.root = root
        ledger = root.appendingPathComponent("ledger")
        steward = root.appendingPathComponent("steward.pem")
        body = root.appendingPathComponent("body.json")
        try Data(#"{"debriefWithinDays":30}"#.utf8).write(to: body)
        try expectSuccess(try CLI.mutual(["key", "generate", "--out", steward.path]))
        try expectSuccess(try CLI.mutual(["init", "--ledger", ledger.path, "--origin", origin, "--steward-key", steward.path]))
    }

    /// `mutual record --ledger L --key K --type T --body B` plus `extra`. The default event is a
    /// ledger-wide `policy.set` by the steward: valid any number of times, so tests can repeat it.
    func record(type: String = "policy.set", key: URL? = nil, body: URL? = nil, _ extra: [String] = [],
                environment: [String: String] = [:]) throws -> ProcessResult {
        try CLI.mutual(["record", "--ledger", ledger.path, "--key", (key ?? steward).path, "--type", type,
                        "--body", (body ?? self.body).path] + extra, environment: environment)
    }

    func verify(_ extra: [String] = []) throws -> ProcessResult {
        try CLI.mutual(["verify", "--ledger", ledger.path] + extra)
    }
}

@discardableResult
func expectSuccess(_ result: ProcessResult, sourceLocation: SourceLocation = #_sourceLocation) throws -> ProcessResult {
    #expect(result.status == 0, "exit \(result.status): \(result.stderr)", sourceLocation: sourceLocation)
    guard result.status == 0 else { throw TestSetupError("command failed: \(result.stderr)") }
    return result
}
