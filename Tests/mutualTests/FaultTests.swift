#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation
import MutualLedger
import Testing

/// Faults from the world (issue 7): a full disk, a file-size limit, a read-only ledger, and readers
/// running while many processes write.
@Suite("Faults (binary)", .serialized)
struct FaultTests {
    static func binaryPath() throws -> String {
        guard let binary = CLI.binary else { throw TestSetupError("the mutual binary was not built") }
        return binary.path
    }

    /// Runs `mutual ARGS` under `ulimit -f BLOCKS` (1 KiB blocks) in bash. Its output goes through a
    /// pipe (which the limit does not cover) so that only the ledger's files are limited.
    static func underFileSizeLimit(_ blocks: Int, _ arguments: [String]) throws -> ProcessResult {
        let quoted = arguments.map { "'" + $0.replacingOccurrences(of: "'", with: "'\\''") + "'" }.joined(separator: " ")
        let script = "set -o pipefail; (ulimit -f \(blocks); exec '\(try binaryPath())' \(quoted)) 2>&1 | cat >&2"
        return try CLI.tool("bash", ["-c", script])
    }

    @Test func appendPastTheFileSizeLimitIsRefusedWithNothingWritten() throws {
        try withTemporaryDirectory("fsize") { dir in
            let fixture = try HostileFixture.make(in: dir)
            let size = try FileManager.default.attributesOfItem(atPath: fixture.log.path)[.size] as? Int ?? 0
            let before = try fileHashes(fixture.ledger)
            let result = try Self.underFileSizeLimit(size / 1024 + 8, fixture.visitArguments())
            #expect(result.status == 74, "\(result.stderr)")
            #expect(result.stderrLines.count == 1)
            #expect(result.stderr.hasPrefix("mutual: ") && result.stderr.contains("ulimit -f"))
            #expect(try fileHashes(fixture.ledger) == before)
            try expectSuccess(try CLI.mutual(fixture.visitArguments()))
        }
    }

    /// Without SIGXFSZ ignored, the kernel would kill the process mid-write; instead write(2) fails with
    /// EFBIG and the command reports it.
    @Test func writeBeyondTheFileSizeLimitIsAnErrorNotASignal() throws {
        try withTemporaryDirectory("efbig") { dir in
            let result = try Self.underFileSizeLimit(0, ["key", "generate", "--out", dir.appendingPathComponent("k.pem").path])
            #expect(result.status == 74, "\(result.stderr)")
            #expect(result.stderrLines.count == 1)
            #expect(result.stderr.hasPrefix("mutual: cannot write") && result.stderr.contains("File too large"))
            #expect(!FileManager.default.fileExists(atPath: dir.appendingPathComponent("k.pem").path))
        }
    }

    /// Mounts a 1 MiB tmpfs at `point`; false where this machine does not allow it (not root, no mount).
    static func mountTmpfs(_ point: URL) -> Bool {
        guard getuid() == 0, let result = try? CLI.tool("mount", ["-t", "tmpfs", "-o", "size=1m", "tmpfs", point.path]) else { return false }
        return result.status == 0
    }

    @Test func fullDiskRefusesAppendsAndLeavesTheLedgerAsItWas() throws {
        try withTemporaryDirectory("fulldisk") { dir in
            let point = dir.appendingPathComponent("disk")
            try FileManager.default.createDirectory(at: point, withIntermediateDirectories: true)
            guard Self.mountTmpfs(point) else {
                print("skipped: cannot mount a tmpfs here (needs root and mount); the file-size-limit test covers the refusal")
                return
            }
            defer { _ = try? CLI.tool("umount", [point.path]) }
            let fixture = try HostileFixture.make(in: point)
            var info = statvfs()
            statvfs(point.path, &info)
            let free = Int(info.f_bavail) * Int(info.f_frsize)
            let filler = point.appendingPathComponent("filler")
            try Data(count: max(0, free - 32 * 1024)).write(to: filler)
            let before = try fileHashes(fixture.ledger)
            for arguments in [fixture.visitArguments(),
                              fixture.importArguments(try fixture.write("v.csv", try HostileInputTests.sampleVisits()))] {
                let result = try CLI.mutual(arguments)
                #expect(result.status == 74, "\(result.stderr)")
                #expect(result.stderrLines.count == 1)
                #expect(result.stderr.hasPrefix("mutual: ") && result.stderr.contains("free disk space"))
                #expect(try fileHashes(fixture.ledger) == before)
            }
            try FileManager.default.removeItem(at: filler)
            try expectSuccess(try CLI.mutual(fixture.visitArguments()))
            try expectSuccess(try CLI.mutual(["verify", "--ledger", fixture.ledger.path]))
        }
    }

    /// A read-only bind mount of the ledger (root ignores permission bits, so chmod is not enough):
    /// writers fail cleanly; verify, log, show, checkpoint, prove, report and audit (state kept elsewhere) work.
    @Test func readOnlyLedgerRefusesWritesAndServesReads() throws {
        try withTemporaryDirectory("readonly") { dir in
            let fixture = try HostileFixture.make(in: dir)
            let view = dir.appendingPathComponent("ro")
            try FileManager.default.createDirectory(at: view, withIntermediateDirectories: true)
            guard getuid() == 0,
                  (try? CLI.tool("mount", ["--bind", fixture.ledger.path, view.path]))?.status == 0 else {
                print("skipped: cannot bind-mount here (needs root)")
                return
            }
            defer { _ = try? CLI.tool("umount", [view.path]) }
            guard (try? CLI.tool("mount", ["-o", "remount,ro,bind", view.path]))?.status == 0 else {
                print("skipped: cannot remount read-only here")
                return
            }
            let before = try fileHashes(fixture.ledger)
            let ledger = ["--ledger", view.path]
            var record = fixture.visitArguments()
            record[3] = view.path
            let writes: [[String]] = [
                record,
                ["import", try fixture.write("v.csv", try HostileInputTests.sampleVisits()), "--key", fixture.path("nuth.pem")] + ledger,
                ["submit", fixture.path("signed-visit.json")] + ledger,
                ["actor", "revoke", "--key", fixture.path("steward.pem"), "--actor", "amina", "--reason", "test"] + ledger,
                ["repair"] + ledger,
            ]
            for arguments in writes {
                let result = try CLI.mutual(arguments)
                #expect(result.status == 74, "\(arguments[0]): \(result.stderr)")
                #expect(result.stderrLines.count == 1 && result.stderr.hasPrefix("mutual: "), "\(arguments[0]): \(result.stderr)")
                #expect(result.stderr.contains("Read-only file system"), "\(arguments[0]): \(result.stderr)")
            }
            let readers: [[String]] = [["verify"], ["log"], ["show", "1"], ["checkpoint"], ["log-key"],
                                       ["prove", "inclusion", "--seq", "2"], ["report", "partnership", "ukug-1"],
                                       ["report", "compliance", "--format", "csv"],
                                       ["audit", "--state", dir.appendingPathComponent("audit-state.json").path]]
            for arguments in readers {
                let result = try CLI.mutual(arguments + ledger)
                #expect(result.status == 0, "\(arguments[0]): \(result.stderr)")
            }
            #expect(try fileHashes(fixture.ledger) == before)
        }
    }

    /// Ops/readers-during-writes.sh, small: 8 writers x 30 events with verify and log looping beside them.
    @Test func readersDuringWritesNeverSeeCorruption() throws {
        let script = CLI.packageRoot.appendingPathComponent("Ops/readers-during-writes.sh").path
        let result = try CLI.tool("bash", [script, "--writers", "8", "--events", "30", "--binary", try Self.binaryPath()])
        #expect(result.status == 0, "\(result.stdout)\(result.stderr)")
        #expect(result.stdout.contains("reader-failures=0"), "\(result.stdout)")
        #expect(result.stdout.contains("lines=241 expected=241"), "\(result.stdout)")
    }
}

extension FaultTests {
    /// An unwritable stderr (here: a file under `ulimit -f 0`) loses the message but is no crash.
    @Test func unwritableStandardErrorIsNoCrash() throws {
        try withTemporaryDirectory("stderr") { dir in
            let binary = try Self.binaryPath()
            let key = dir.appendingPathComponent("k.pem").path
            let script = "(ulimit -f 0; exec '\(binary)' key generate --out '\(key)' 2>'\(dir.path)/err'); echo \"status=$?\""
            let result = try CLI.tool("bash", ["-c", script])
            #expect(result.stdout.contains("status=74"), "\(result.stdout) \(result.stderr)")
            #expect(!FileManager.default.fileExists(atPath: key))
            let leftovers = try FileManager.default.contentsOfDirectory(atPath: dir.path).filter { $0.hasPrefix(".") }
            #expect(leftovers.isEmpty, "temporary files left: \(leftovers)")
        }
    }
}

extension FaultTests {
    /// `--ledger` may be a symbolic link to a ledger folder: it is followed (docs/SECURITY.md).
    @Test func ledgerBehindASymlinkIsFollowed() throws {
        try withTemporaryDirectory("symlink") { dir in
            let fixture = try HostileFixture.make(in: dir)
            let link = dir.appendingPathComponent("link")
            try FileManager.default.createSymbolicLink(at: link, withDestinationURL: fixture.ledger)
            var record = fixture.visitArguments(id: "v-via-link")
            record[3] = link.path
            try expectSuccess(try CLI.mutual(record))
            try expectSuccess(try CLI.mutual(["verify", "--ledger", link.path]))
            #expect(try logLines(fixture.ledger).count == 7)
            let attributes = try FileManager.default.attributesOfItem(atPath: link.path)
            #expect(attributes[.type] as? FileAttributeType == .typeSymbolicLink, "the link itself is left alone")
        }
    }
}
