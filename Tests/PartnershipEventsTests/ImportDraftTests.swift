import Foundation
import MutualLedger
import PartnershipEvents
import Testing

/// A visit row's draft body is used as it is (not re-encoded from the typed body): it must be
/// exactly what the typed body encodes to, for every form a cell may take.
@Suite("Import drafts")
struct ImportDraftTests {
    static let header = VisitImport.columns.joined(separator: ",")

    static let rows = [
        "ukug-1,v-1,nuth,gulu-rrh,2026-03-02,2026-03-13,in-person,p-017:nurse:senior;p-018:doctor:mid,Training,host,true",
        " ukug-1 , v-2 , nuth , gulu-rrh , 2026-03-02 , 2026-03-02 ,remote,\" p-1:midwife:junior ;\r\np-2:manager:mid\",\"  spaced purpose  \",joint,YES",
        "ukug-1,v-3,gulu-rrh,nuth,2026-12-31,2027-01-02,hybrid,p-3:allied-health:senior,\"=HYPERLINK(\"\"x\"\") ünïcödé ✓\n2nd line\",sender,No",
    ]

    @Test("the draft body equals the typed body's encoding", arguments: rows)
    func draftIsTypedEncoding(row: String) throws {
        let drafts = try VisitImport.parse(Self.header + "\n" + row + "\n")
        let draft = try #require(drafts.first?.draft)
        #expect(draft.body == (try VisitRecorded(body: draft.body)).ledgerBody)
        #expect(draft.type == VisitRecorded.type && draft.schema == VisitRecorded.schema)
    }

    @Test("the sample file's drafts equal the typed bodies' encodings")
    func sampleDrafts() throws {
        let samples = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("Ops/samples/visits.csv")
        let drafts = try VisitImport.parse(String(contentsOf: samples, encoding: .utf8))
        #expect(drafts.count == 3)
        for row in drafts {
            #expect(row.draft.body == (try VisitRecorded(body: row.draft.body)).ledgerBody, "row \(row.number)")
        }
    }
}
