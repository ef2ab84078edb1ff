import Foundation
import Testing

/// `mutual submit --batch` and `mutual import` as processes: idempotent, all or nothing, one batch.
@Suite("Bulk commands (binary)")
struct BulkCommandTests {
    typealias Workspace = DomainCommandTests.Workspace

    /// Signs visit `visit` offline with nuth's key; returns the signed file's text (one line).
    static func signVisit(_ work: Workspace, _ visit: String, eventID: String? = nil) throws -> String {
        var flags = DomainCommandTests.visitFlags
        if let index = flags.firstIndex(of: "v-1") { flags[index] = visit }
        let out = work.path("\(visit).signed")
        try work.ok(["sign", "visit", "--key", work.path("nuth.pem"), "--out", out] + flags + (eventID.map { ["--event-id", $0] } ?? []))
        return try String(contentsOfFile: out, encoding: .utf8)
    }

    @Test("submit --batch appends every line as one batch; resubmitting reports each line already recorded")
    func batchIdempotent() throws {
        let work = try Workspace()
        let lines = try (1...3).map { try Self.signVisit(work, "v-\($0)") }
        try work.write("batch.jsonl", lines.joined() + "\n")
        let first = try work.ok(["submit", "--batch", work.path("batch.jsonl")])
        #expect(first.stdout == "batch: 3 appended at seq 6...8, 0 already recorded\n", "\(first.stdout)")
        let fourth = try Self.signVisit(work, "v-4")
        try work.write("again.jsonl", lines[1] + fourth)
        let before = try fileHashes(work.ledger)
        let again = try work.ok(["submit", "--batch", work.path("again.jsonl")])
        #expect(again.stdout == "\(work.path("again.jsonl")) line 1: already recorded at seq 7\nbatch: 1 appended at seq 9...9, 1 already recorded\n",
                "\(again.stdout)")
        #expect(try fileHashes(work.ledger) != before)
        #expect(try work.ok(["verify"]).stdout.hasPrefix("valid: 10 events"))
    }

    @Test("submit --batch - reads standard input, mixed with single files")
    func batchStandardInput() throws {
        let work = try Workspace()
        let single = try Self.signVisit(work, "v-1")
        let piped = try (2...3).map { try Self.signVisit(work, "v-\($0)") }.joined()
        let result = try CLI.mutual(["submit", "--ledger", work.ledger.path, work.path("v-1.signed"), "--batch", "-"], stdin: piped)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout == "\(work.path("v-1.signed")): seq 6 \(Self.eventID(single))\nbatch: 2 appended at seq 7...8, 0 already recorded\n", "\(result.stdout)")
    }

    static func eventID(_ signedLine: String) -> String {
        guard let range = signedLine.range(of: #""id":""#) else { return "" }
        return String(signedLine[range.upperBound...].prefix(36))
    }

    struct BadBatch: Sendable, CustomTestStringConvertible {
        var testDescription: String
        /// Builds the batch from three good signed lines and the id of an event already recorded.
        var make: @Sendable (_ good: [String], _ recorded: String) -> String
        var message: String
    }

    static let badBatches: [BadBatch] = [
        BadBatch(testDescription: "a line that is not a signed event", make: { good, _ in good[0] + "{\"sig\":\"x\"}\n" + good[1] },
                 message: "batch.jsonl: line 2: "),
        BadBatch(testDescription: "an event changed after signing", make: { good, _ in
            good[0] + good[1] + good[2].replacingOccurrences(of: "\"purpose\":\"Training\"", with: "\"purpose\":\"Trainin\"")
        }, message: "event 3 of 3: signature does not verify"),
        BadBatch(testDescription: "a different event reusing a recorded id", make: { good, recorded in good[0] + recorded + good[2] },
                 message: "event 2 of 3: event id 6c1d2e3f-4a5b-4c6d-8e7f-0a1b2c3d4e5f is already used at seq 6 by a different event"),
    ]

    @Test("a bad line or event anywhere in a batch appends nothing, exit 65", arguments: badBatches)
    func batchAllOrNothing(bad: BadBatch) throws {
        let work = try Workspace()
        _ = try Self.signVisit(work, "v-0", eventID: "6c1d2e3f-4a5b-4c6d-8e7f-0a1b2c3d4e5f")
        try work.ok(["submit", work.path("v-0.signed")])
        let clash = try Self.signVisit(work, "v-9", eventID: "6c1d2e3f-4a5b-4c6d-8e7f-0a1b2c3d4e5f")
        let good = try (1...3).map { try Self.signVisit(work, "v-\($0)") }
        try work.write("batch.jsonl", bad.make(good, clash))
        let before = try fileHashes(work.ledger)
        let result = try work.run(["submit", "--batch", work.path("batch.jsonl")])
        #expect(result.status == 65)
        #expect(result.stderr.hasPrefix("mutual: ") && result.stderr.contains(bad.message), "\(result.stderr)")
        #expect(result.stderr.split(separator: "\n").count == 1)
        #expect(try fileHashes(work.ledger) == before)
    }

    @Test("import --quiet appends every row; the appended ledger verifies; a repeat is refused, appending nothing")
    func importQuiet() throws {
        let work = try Workspace()
        let rows = (1...150).map { n in
            "ukug-1,v-\(n),nuth,gulu-rrh,2026-03-02,2026-03-13,in-person,p-\(n):nurse:senior;p-0:doctor:mid,\"Training, week \(n % 3)\",host,yes"
        }
        try work.write("visits.csv", "partnership,visit,from,to,start,end,mode,travellers,purpose,needsIdentifiedBy,briefedBeforeDeparture\n"
            + rows.joined(separator: "\n") + "\n")
        let result = try work.ok(["import", work.path("visits.csv"), "--key", work.path("nuth.pem"), "--quiet"])
        #expect(result.stdout == "imported 150 visits at seq 6...155\n", "\(result.stdout)")
        #expect(result.stderr.isEmpty)
        #expect(try work.ok(["verify"]).stdout.hasPrefix("valid: 156 events"))
        let before = try fileHashes(work.ledger)
        let again = try work.run(["import", work.path("visits.csv"), "--key", work.path("nuth.pem")])
        #expect(again.status == 65)
        #expect(again.stderr.hasPrefix("mutual: row 2: ") && again.stderr.hasSuffix("; nothing was imported\n"), "\(again.stderr)")
        #expect(try fileHashes(work.ledger) == before)
    }
}
