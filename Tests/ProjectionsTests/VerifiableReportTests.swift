import Foundation
import MutualLedger
import PartnershipEvents
import Projections
import Testing

/// Reports pinned to signed checkpoints (`position.checkpoint`, `lastLineProof`, `evidenceProofs`)
/// and `ReportVerifier`. Each test builds its own fixture ledger in its own temporary folder.
@Suite("Verifiable reports")
struct VerifiableReportTests {
    /// The fixture (checkpoints at sizes 1 and 18) plus one more batch: a policy at seq 18
    /// (checkpoint at 19).
    static func grown() throws -> Fixture {
        let fixture = try Fixture()
        let ledger = Ledger(directory: fixture.dir, rules: PartnershipRules(), clock: { Date(timeIntervalSince1970: 1_750_000_000) })
        let event = try ledger.sign(type: "policy.set", body: ["seniorShareMin": 40], occurred: Fixture.day("2025-06-10"),
                                    id: Fixture.id(18), key: try Fixture.key(1))
        _ = try ledger.append([event])
        return fixture
    }

    static func make(_ fixture: Fixture, _ request: ReportRequest) throws -> ReportDocument {
        try ReportMaker(directory: fixture.dir).make(request)
    }

    static func json(_ doc: ReportDocument) throws -> JSONValue {
        try ReportJSON.parse(doc.render(.json).dropLast())
    }

    /// The note text DIR/checkpoints holds for `size` (first issued).
    static func issued(_ fixture: Fixture, size: Int64) throws -> String? {
        let ledger = Ledger(directory: fixture.dir, rules: CoreRules())
        return try ledger.issuedCheckpoints().first { (try? Checkpoint.parse($0.text).size) == size }
            .map { String(decoding: $0.bytes, as: UTF8.self) }
    }

    static func lines(_ fixture: Fixture) throws -> [[UInt8]] {
        let bytes = try Data(contentsOf: fixture.dir.events)
        return bytes.split(separator: 0x0a, omittingEmptySubsequences: false).dropLast().map { Array($0) }
    }

    static func verify(_ fixture: Fixture, _ bytes: [UInt8], withProofs: Bool = false) throws -> ReportVerifier.Outcome {
        try ReportVerifier(directory: fixture.dir).verify(bytes, withProofs: withProofs)
    }

    /// Replaces the first occurrence of `old` in the report's text; the edit must apply.
    static func edit(_ bytes: [UInt8], _ old: String, _ new: String) throws -> [UInt8] {
        let text = String(decoding: bytes, as: UTF8.self)
        let range = try #require(text.range(of: old))
        return Array(text.replacingCharacters(in: range, with: new).utf8)
    }

    static func expectFailure(_ code: LedgerError.Code, _ body: () throws -> Void, sourceLocation: SourceLocation = #_sourceLocation) {
        do {
            try body()
            Issue.record("expected a \(code) failure", sourceLocation: sourceLocation)
        } catch let error as LedgerError {
            #expect(error.code == code, "\(error)", sourceLocation: sourceLocation)
        } catch {
            Issue.record("unexpected \(error)", sourceLocation: sourceLocation)
        }
    }

    @Test func latestEmbedsTheCheckpointOfItsSize() throws {
        let fixture = try Self.grown()
        defer { fixture.remove() }
        let doc = try Self.make(fixture, ReportRequest(kind: .compliance))
        #expect(doc.position.count == 19)
        #expect(doc.position.checkpoint == (try Self.issued(fixture, size: 19)))
        #expect(doc.position.lastLineProof == nil)
        let value = try Self.json(doc)
        #expect(value["schema"]?.integerValue == 3)
        #expect(value["position"]?["lastLineProof"]?.isNull == true)
        #expect(value["options"] == ReportRequest(kind: .compliance).json)
        let head = try #require(doc.position.checkpointHead)
        let table = String(decoding: doc.render(.table), as: UTF8.self)
        #expect(table.contains("checkpoint size 19"))
        for format in [ReportFormat.markdown, .html] {
            #expect(String(decoding: doc.render(format), as: UTF8.self).contains(head.root.base64))
        }
        // The CSV shows the checkpoint too: a row after the position row (size, and the text the other formats show).
        let csv = try CSVReader.parse(String(decoding: doc.render(.csv), as: UTF8.self))
        #expect(csv[1] == ["compliance", "", "position", "19", "", "", "", doc.position.lastHash, ""])
        #expect(csv[2] == ["compliance", "", "checkpoint", "19", "", "", "", "checkpoint size 19, root \(head.root.base64)", ""])
        // With DIR/checkpoint lost, `repair --hashes` issues another at size 19; the report keeps the first.
        let ledger = Ledger(directory: fixture.dir, rules: CoreRules())
        try FileManager.default.removeItem(at: fixture.dir.checkpoint)
        _ = try ledger.repair(hashes: true)
        #expect(try ledger.issuedCheckpoints().filter { (try? Checkpoint.parse($0.text).size) == 19 }.count == 2)
        #expect(try Self.make(fixture, ReportRequest(kind: .compliance)).render(.json) == doc.render(.json))
    }

    @Test func atAnExactSizeEmbedsThatCheckpoint() throws {
        let fixture = try Self.grown()
        defer { fixture.remove() }
        let doc = try Self.make(fixture, ReportRequest(kind: .reciprocity, point: .at(seq: 17)))
        #expect(doc.position.count == 18)
        #expect(doc.position.checkpoint == (try Self.issued(fixture, size: 18)))
        #expect(doc.position.lastLineProof == nil)
    }

    @Test func inBetweenEmbedsTheNextCheckpointAndAProofOfTheLastLine() throws {
        let fixture = try Self.grown()
        defer { fixture.remove() }
        let doc = try Self.make(fixture, ReportRequest(kind: .compliance, point: .at(seq: 5)))
        #expect(doc.position.count == 6)
        #expect(doc.position.checkpoint == (try Self.issued(fixture, size: 18)))
        let proof = try #require(doc.position.lastLineProof)
        #expect(proof.index == 5 && proof.size == 18)
        let vkey = try Ledger(directory: fixture.dir, rules: CoreRules()).logVerifierKey()
        try proof.check(logKey: vkey, line: try Self.lines(fixture)[5])
        #expect(try Self.verify(fixture, doc.render(.json)).proofsChecked == 1)
        // Same prefix and options, same bytes, also after the log grows.
        let first = doc.render(.json)
        _ = try Ledger(directory: fixture.dir, rules: CoreRules()).append([
            try Ledger<CoreRules>.sign(type: "policy.set", body: ["seniorShareMin": 45], partnership: nil, occurred: nil,
                                       id: Fixture.id(19), key: try Fixture.key(1), recorded: Timestamp(seconds: 1_750_000_100)),
        ])
        #expect(try Self.make(fixture, ReportRequest(kind: .compliance, point: .at(seq: 5))).render(.json) == first)
    }

    @Test func asOfEmbedsTheLatestCheckpoint() throws {
        let fixture = try Self.grown()
        defer { fixture.remove() }
        let request = ReportRequest(kind: .compliance, point: .asOf(Fixture.day("2025-03-31")))
        let doc = try Self.make(fixture, request)
        #expect(doc.position.count == 19)
        #expect(doc.position.checkpoint == (try Self.issued(fixture, size: 19)))
        #expect(try ReportRequest(json: Self.json(doc)["options"]) == request)
        #expect(try Self.verify(fixture, doc.render(.json)).checkpoint.size == 19)
    }

    @Test func verifyAcceptsUntouchedReportsOfEveryKind() throws {
        let fixture = try Self.grown()
        defer { fixture.remove() }
        let requests = [
            ReportRequest(kind: .reciprocity, period: ReportPeriod(from: Fixture.day("2025-01-01"), to: nil)),
            ReportRequest(kind: .compliance, point: .at(seq: 12)),
            ReportRequest(kind: .partnership, partnership: "p1", withProofs: true),
            ReportRequest(kind: .innovations, point: .asOf(Fixture.day("2025-02-05"))),
        ]
        for request in requests {
            let bytes = try Self.make(fixture, request).render(.json)
            let outcome = try Self.verify(fixture, bytes, withProofs: request.withProofs)
            #expect(outcome.request == request)
            #expect(outcome.byteCount == bytes.count)
        }
    }

    @Test func verifyRejectsAnEditedNumberAndAnEditedEvidenceSeq() throws {
        let fixture = try Self.grown()
        defer { fixture.remove() }
        let bytes = try Self.make(fixture, ReportRequest(kind: .compliance)).render(.json)
        let number = try Self.edit(bytes, "\"debriefWithinDays\":30", "\"debriefWithinDays\":31")
        Self.expectFailure(.transparency) { _ = try Self.verify(fixture, number) }
        let evidence = try Self.edit(bytes, "\"evidence\":[6", "\"evidence\":[7")
        do {
            _ = try Self.verify(fixture, evidence)
            Issue.record("an edited evidence seq was accepted")
        } catch let error as LedgerError {
            #expect(error.code == .transparency)
            #expect(error.message.contains("partnerships[0].rules[") && error.message.contains("evidence[0]"), "\(error.message)")
        }
    }

    /// Balances are JSON numbers (schema 3): report verify still reads the report, and an edited one is named by its path.
    @Test func verifyRejectsAnEditedBalance() throws {
        let fixture = try Self.grown()
        defer { fixture.remove() }
        let bytes = try Self.make(fixture, ReportRequest(kind: .reciprocity)).render(.json)
        #expect(try Self.verify(fixture, bytes).byteCount == bytes.count)
        let edited = try Self.edit(bytes, "\"balance\":-0.333", "\"balance\":-0.334")
        do {
            _ = try Self.verify(fixture, edited)
            Issue.record("an edited balance was accepted")
        } catch let error as LedgerError {
            #expect(error.code == .transparency)
            #expect(error.message.contains("partnerships[0].measures.visits.balance"), "\(error.message)")
        }
        // The same value written as 3 decimals differently (e.g. -0.3330) is valid JSON but not the report's bytes.
        Self.expectFailure(.transparency) { _ = try Self.verify(fixture, try Self.edit(bytes, "\"balance\":-0.333", "\"balance\":-0.3330")) }
    }

    @Test func verifyRejectsMalformedReports() throws {
        let fixture = try Self.grown()
        defer { fixture.remove() }
        let bytes = try Self.make(fixture, ReportRequest(kind: .compliance)).render(.json)
        Self.expectFailure(.validation) { _ = try Self.verify(fixture, Array("not json".utf8)) }
        Self.expectFailure(.validation) { _ = try Self.verify(fixture, try Self.edit(bytes, "\"withProofs\":false", "\"withProofs\":0")) }
        Self.expectFailure(.validation) { _ = try Self.verify(fixture, try Self.edit(bytes, "\"options\":{", "\"opts\":{")) }
        let proved = try Self.make(fixture, ReportRequest(kind: .compliance, withProofs: true)).render(.json)
        Self.expectFailure(.validation) { _ = try Self.verify(fixture, try Self.edit(proved, "\"index\":", "\"indx\":"), withProofs: true) }
    }

    @Test func verifyRejectsACheckpointFromAnotherLedger() throws {
        let fixture = try Self.grown()
        let other = try Fixture(logKey: 8)
        defer { fixture.remove(); other.remove() }
        let theirs = try Self.make(other, ReportRequest(kind: .compliance))
        Self.expectFailure(.transparency) { _ = try Self.verify(fixture, theirs.render(.json)) }
        // Our report with their checkpoint spliced in: not signed by our log key.
        var ours = try Self.make(fixture, ReportRequest(kind: .compliance, point: .at(seq: 17)))
        ours.position.checkpoint = theirs.position.checkpoint
        Self.expectFailure(.transparency) { _ = try Self.verify(fixture, ours.render(.json)) }
    }

    @Test func verifyRejectsAReportMadeBeforeAHistoryRewrite() throws {
        let fixture = try Self.grown()
        let rewritten = try Fixture(.policies)   // same keys and origin, another history
        defer { fixture.remove(); rewritten.remove() }
        let before = try Self.make(fixture, ReportRequest(kind: .compliance, point: .at(seq: 17))).render(.json)
        #expect(try Self.verify(fixture, before).checkpoint.size == 18)
        try FileManager.default.removeItem(at: fixture.dir.root)
        try FileManager.default.moveItem(at: rewritten.dir.root, to: fixture.dir.root)
        do {
            _ = try Self.verify(fixture, before)
            Issue.record("a report from before the rewrite was accepted")
        } catch let error as LedgerError {
            #expect(error.code == .transparency)
            #expect(error.message.contains("another root"), "\(error.message)")
        }
    }

    @Test func evidenceProofsVerifyAndAFlippedBitFails() throws {
        let fixture = try Self.grown()
        defer { fixture.remove() }
        let doc = try Self.make(fixture, ReportRequest(kind: .compliance, withProofs: true))
        let proofs = try #require(doc.evidenceProofs)
        #expect(!proofs.isEmpty)
        #expect(proofs.keys.sorted() == doc.citedEvidence)
        let vkey = try Ledger(directory: fixture.dir, rules: CoreRules()).logVerifierKey()
        let lines = try Self.lines(fixture)
        for (seq, proof) in proofs {
            #expect(proof.checkpoint == doc.position.checkpoint)
            try proof.check(logKey: vkey, line: lines[seq])
        }
        let bytes = doc.render(.json)
        #expect(try Self.verify(fixture, bytes, withProofs: true).proofsChecked == proofs.count)

        let (seq, proof) = try #require(proofs.min { $0.key < $1.key })
        let original = try #require(proof.hashes.first)
        var flipped = original.bytes
        flipped[0] ^= 0x01
        let bad = try #require(MerkleHash(bytes: flipped))
        var broken = proof
        broken.hashes[0] = bad
        Self.expectFailure(.transparency) { try broken.check(logKey: vkey, line: lines[seq]) }
        let text = String(decoding: bytes, as: UTF8.self).replacingOccurrences(of: original.base64, with: bad.base64)
        Self.expectFailure(.transparency) { _ = try Self.verify(fixture, Array(text.utf8), withProofs: true) }
        // Without proofs in the report, --with-proofs has nothing to check.
        let plain = try Self.make(fixture, ReportRequest(kind: .compliance)).render(.json)
        Self.expectFailure(.transparency) { _ = try Self.verify(fixture, plain, withProofs: true) }
    }
}
