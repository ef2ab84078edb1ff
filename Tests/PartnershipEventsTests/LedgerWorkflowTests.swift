import Foundation
import MutualLedger
import Testing
@testable import PartnershipEvents

@Suite("Submit, import and verify")
struct LedgerWorkflowTests {
    static let samples = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Ops/samples")

    @Test("an offline-signed event submitted twice is recorded once; a different event reusing its id is refused")
    func submitIdempotency() throws {
        let fixture = try TestLedger()
        defer { fixture.remove() }
        let offline = try Ledger<PartnershipRules>.sign(type: VisitRecorded.type, body: TestLedger.visit(), partnership: "ukug-1",
                                                        occurred: nil, id: nil, key: fixture.coordinatorSender, recorded: Timestamp(seconds: 1_774_000_000))
        let file = try SignedEvent(fileBytes: offline.fileBytes)
        let first = try fixture.ledger.append([file])
        guard case .appended(let seq) = first.first else { Issue.record("not appended: \(first)"); return }
        let before = fixture.logBytes
        #expect(try fixture.ledger.append([file]) == [.alreadyRecorded(seq: seq)])
        #expect(fixture.logBytes == before)
        let clash = try Ledger<PartnershipRules>.sign(type: VisitRecorded.type, body: TestLedger.visit("v-2"), partnership: "ukug-1",
                                                      occurred: nil, id: offline.event.id, key: fixture.coordinatorSender, recorded: Timestamp(seconds: 1_774_000_000))
        #expect(throws: LedgerError.self) { try fixture.ledger.append([clash]) }
        #expect(fixture.logBytes == before)
    }

    @Test("the sample files import: quoted newlines, formula-looking text kept as text")
    func sampleImport() throws {
        let fixture = try TestLedger()
        defer { fixture.remove() }
        let visits = try VisitImport.parse(String(contentsOf: Self.samples.appendingPathComponent("visits.csv"), encoding: .utf8))
        #expect(visits.map(\.number) == [2, 3, 4])
        #expect(visits[1].draft.body["travellers"]?.arrayValue?.count == 2)
        #expect(visits[1].draft.body["purpose"] == "Quality improvement exchange:\naudit methods, ward rounds")
        #expect(visits[2].draft.body["purpose"] == "=HYPERLINK(\"x\") is kept as text")
        let outcomes = try ImportRow.importAll(visits, ledger: fixture.ledger, key: fixture.coordinatorSender)
        #expect(outcomes.count == 3)
        let debriefs = try DebriefImport.parse(String(contentsOf: Self.samples.appendingPathComponent("debriefs.csv"), encoding: .utf8))
        #expect(debriefs.first?.draft.body["learning"]?.arrayValue?.count == 2)
        #expect(debriefs.first?.draft.body["actions"] == ["Pilot bubble CPAP on ward 2", "Share the handover checklist"])
        #expect(try ImportRow.importAll(debriefs, ledger: fixture.ledger, key: fixture.coordinatorHost).count == 2)
        #expect(try fixture.ledger.verify().isValid)
    }

    struct BadImport: Sendable, CustomTestStringConvertible {
        var name: String
        var csv: String
        var expected: String
        var testDescription: String { name }
    }

    static let header = VisitImport.columns.joined(separator: ",")
    static let good = "ukug-1,v-1,nuth,gulu-rrh,2026-03-02,2026-03-13,in-person,p-017:nurse:senior,Training,host,true"

    static let badImports: [BadImport] = [
        BadImport(name: "bad mode", csv: "\(header)\n\(good)\nukug-1,v-2,nuth,gulu-rrh,2026-04-02,2026-04-03,walking,p-1:nurse:mid,x,host,no\n",
                  expected: "row 3: visit.recorded: \"mode\" must be one of"),
        BadImport(name: "org outside partnership (found when checked against the ledger)",
                  csv: "\(header)\n\(good)\nukug-1,v-2,nuth,kch,2026-04-02,2026-04-03,remote,p-1:nurse:mid,x,host,no\n",
                  expected: "row 3: visit.recorded: \"to\" kch is not an org of partnership ukug-1"),
        BadImport(name: "same visit id twice in the file",
                  csv: "\(header)\n\(good)\n\(good)\n", expected: "row 3: visit.recorded: visit id v-1 is already used"),
        BadImport(name: "traveller shape", csv: "\(header)\n\(good)\nukug-1,v-2,nuth,gulu-rrh,2026-04-02,2026-04-03,remote,Jane Doe,x,host,no\n",
                  expected: "row 3: traveller \"Jane Doe\" must be person:cadre:seniority"),
        BadImport(name: "missing column", csv: "partnership,visit\nukug-1,v-1\n", expected: "row 1: missing column \"from\""),
        BadImport(name: "unknown column", csv: "\(header),name\n\(good),Jane\n", expected: "row 1: unknown column \"name\""),
        BadImport(name: "short row", csv: "\(header)\n\(good)\nukug-1,v-2\n", expected: "row 3: has 2 cells"),
    ]

    @Test("an import with one bad row appends nothing and names the row", arguments: badImports)
    func badImport(_ bad: BadImport) throws {
        let fixture = try TestLedger()
        defer { fixture.remove() }
        let before = fixture.logBytes
        #expect {
            _ = try ImportRow.importAll(try VisitImport.parse(bad.csv), ledger: fixture.ledger, key: fixture.coordinatorSender)
        } throws: { error in
            guard let error = error as? LedgerError else { return false }
            return error.message.hasPrefix(bad.expected) || error.message.contains(bad.expected)
        }
        #expect(fixture.logBytes == before)
    }

    @Test("a hand-edited ledger holding an unauthorised event fails verify, naming the seq and the rule")
    func handEditedLedger() throws {
        let fixture = try TestLedger()
        defer { fixture.remove() }
        #expect(try fixture.ledger.verify().isValid)
        let lines = fixture.logBytes.split(separator: 0x0a)
        let seq = lines.count
        let prev = LedgerLine.hash(of: lines[lines.count - 1])
        let forged = try fixture.sign(type: VisitRecorded.type, body: TestLedger.visit(), key: fixture.auditor, partnership: "ukug-1")
        let handle = try FileHandle(forWritingTo: fixture.ledger.directory.events)
        try handle.seekToEnd()
        try handle.write(contentsOf: Data(LedgerLine(seq: seq, prev: prev, signed: forged).bytes + [0x0a]))
        try handle.close()
        let report = try fixture.ledger.verify()
        #expect(report.failure?.seq == seq)
        #expect(report.failure?.code == .unauthorized)
        #expect(report.failure?.message.contains("rule G8") == true, "\(String(describing: report.failure))")
        #expect(report.failure?.description.hasPrefix("seq \(seq): ") == true)
    }
}

/// The partnership state restored from the append cache (tables read on demand) equals the state
/// replayed from the log alone, and a correction reads its target's body through the cache.
@Suite struct CachedStateTests {
    @Test func stateFromTheCacheEqualsAReplay() throws {
        let t = try TestLedger()
        defer { t.remove() }
        let visit = try t.record(type: "visit.recorded", body: TestLedger.visit(), key: t.coordinatorSender, partnership: "ukug-1")
        try t.record(type: "visit.confirmed", body: ["visit": "v-1"], key: t.coordinatorHost, partnership: "ukug-1")
        try t.record(type: "debrief.recorded", body: TestLedger.debrief(), key: t.coordinatorSender, partnership: "ukug-1")
        var corrected = TestLedger.visit()
        corrected["end"] = "2026-03-14"
        try t.record(type: "event.corrected", body: ["target": .string(visit.event.id), "body": .object(corrected), "reason": "end date"],
                     key: t.coordinatorSender, partnership: "ukug-1")
        try t.record(type: "innovation.shared", body: TestLedger.innovation(), key: t.coordinatorHost, partnership: "ukug-1")
        let cached = try t.ledger.withCurrentState { $0.state }
        #expect(cached.visits["v-1"]?.end == t.date("2026-03-14"))
        #expect(cached.visits["v-1"]?.confirmation != nil)
        #expect(cached.recorded[visit.event.id]?.subject == "v-1")
        #expect(cached.recorded[visit.event.id]?.travellers == 2)
        try FileManager.default.removeItem(at: t.ledger.directory.cache)
        let replayed = try t.ledger.withCurrentState { $0.state }
        #expect(replayed == cached)
        #expect(replayed.visits.dictionary.count == 1)
    }
}
