import Foundation
import Testing

/// End-to-end runs of the built `mutual` binary for the partnership commands.
@Suite("Domain commands (binary)")
struct DomainCommandTests {
    /// A ledger folder with orgs nuth and gulu-rrh, partnership ukug-1 and a coordinator for each org.
    final class Workspace {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("mutual-cli-\(UUID().uuidString)")
        var ledger: URL { root.appendingPathComponent("ledger") }
        var log: Data { (try? Data(contentsOf: ledger.appendingPathComponent("events.jsonl"))) ?? Data() }

        init() throws {
            try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
            for name in ["steward", "nuth", "gulu"] { try ok(["key", "generate", "--out", path("\(name).pem")]) }
            try ok(["init", "--origin", "example.org/cli-test", "--steward-key", path("steward.pem")])
            try ok(["org", "add", "--key", path("steward.pem"), "--id", "nuth", "--name", "Newcastle", "--country", "GB", "--income-group", "HIC", "--kind", "nhs-trust"])
            try ok(["org", "add", "--key", path("steward.pem"), "--id", "gulu-rrh", "--name", "Gulu RRH", "--country", "UG", "--income-group", "LIC", "--kind", "hospital"])
            try ok(["partnership", "add", "--key", path("steward.pem"), "--id", "ukug-1", "--org", "nuth", "--org", "gulu-rrh", "--lead", "nuth",
                    "--funder", "THET", "--scheme", "HPS", "--start", "2025-04-01"])
            try ok(["actor", "enroll", "--key", path("steward.pem"), "--actor", "amina", "--name", "Amina", "--public-key", path("nuth.pem"), "--org", "nuth", "--role", "coordinator"])
            try ok(["actor", "enroll", "--key", path("steward.pem"), "--actor", "okello", "--name", "Okello", "--public-key", path("gulu.pem"), "--org", "gulu-rrh", "--role", "coordinator"])
        }

        deinit { try? FileManager.default.removeItem(at: root) }

        func path(_ name: String) -> String { root.appendingPathComponent(name).path }

        func write(_ name: String, _ text: String) throws { try text.write(toFile: path(name), atomically: true, encoding: .utf8) }

        func run(_ arguments: [String]) throws -> ProcessResult {
            try CLI.mutual(arguments, ledger: ledger, in: root)
        }

        @discardableResult
        func ok(_ arguments: [String]) throws -> ProcessResult {
            let result = try run(arguments)
            #expect(result.status == 0, "\(arguments): \(result.stderr)")
            return result
        }
    }

    static let visitFlags = ["--partnership", "ukug-1", "--visit", "v-1", "--from", "nuth", "--to", "gulu-rrh", "--start", "2026-03-02",
                             "--end", "2026-03-13", "--mode", "in-person", "--traveller", "p-017:nurse:senior", "--traveller", "p-018:doctor:mid",
                             "--purpose", "Training", "--needs-identified-by", "host", "--briefed"]

    @Test("friendly and generic record forms; only the host confirms, naming the rule")
    func recordForms() throws {
        let work = try Workspace()
        let visit = try work.ok(["record", "visit", "--key", work.path("nuth.pem")] + Self.visitFlags)
        let visitID = visit.stdout.split(separator: " ").last.map { String($0.dropLast()) } ?? ""
        let before = work.log
        let refused = try work.run(["record", "confirm", "--key", work.path("nuth.pem"), "--partnership", "ukug-1", "--visit", "v-1"])
        #expect(refused.status == 65)
        #expect(refused.stderr.hasPrefix("mutual: rule G9 "), "\(refused.stderr)")
        #expect(work.log == before)
        try work.write("confirm.json", #"{"visit":"v-1"}"#)
        let generic = try work.ok(["record", "--type", "visit.confirmed", "--body", work.path("confirm.json"), "--partnership", "ukug-1", "--key", work.path("gulu.pem")])
        #expect(generic.stdout.hasPrefix("seq 7 "))
        let dry = try work.ok(["record", "debrief", "--dry-run", "--key", work.path("gulu.pem"), "--partnership", "ukug-1", "--visit", "v-1",
                               "--held", "2026-03-20", "--facilitator-seniority", "senior", "--travellers-attending", "2", "--non-travellers-attending", "9",
                               "--learning", "nuth:service:technical:Bubble CPAP", "--action", "Pilot it"])
        #expect(dry.stdout.contains(#""type":"debrief.recorded""#))
        try work.write("visit.json", String(decoding: try JSONSerialization.data(withJSONObject: [
            "visit": "v-1", "from": "nuth", "to": "gulu-rrh", "start": "2026-03-02", "end": "2026-03-14", "mode": "in-person",
            "travellers": [["person": "p-017", "cadre": "nurse", "seniority": "senior"]], "purpose": "Training",
            "needsIdentifiedBy": "host", "briefedBeforeDeparture": true,
        ]), as: UTF8.self))
        try work.ok(["record", "correct", "--key", work.path("gulu.pem"), "--target", visitID, "--replacement", work.path("visit.json"), "--reason", "end date"])
        #expect(try work.ok(["verify"]).stdout.hasPrefix("valid: 9 events"))
    }

    @Test("sign offline, submit twice: already recorded at seq N, exit 0")
    func signAndSubmit() throws {
        let work = try Workspace()
        try work.ok(["sign", "visit", "--key", work.path("nuth.pem"), "--out", work.path("visit.signed")] + Self.visitFlags)
        #expect(try work.ok(["submit", work.path("visit.signed")]).stdout.contains("seq 6 "))
        let before = work.log
        let again = try work.ok(["submit", work.path("visit.signed")])
        #expect(again.stdout.contains("already recorded at seq 6"))
        #expect(work.log == before)
    }

    @Test("an import with one bad row appends nothing and names the row")
    func importBadRow() throws {
        let work = try Workspace()
        try work.write("visits.csv", """
            partnership,visit,from,to,start,end,mode,travellers,purpose,needsIdentifiedBy,briefedBeforeDeparture
            ukug-1,v-1,nuth,gulu-rrh,2026-03-02,2026-03-13,in-person,p-017:nurse:senior,"Training,
            two lines",host,true
            ukug-1,v-2,nuth,gulu-rrh,2026-04-02,2026-04-01,remote,p-018:nurse:mid,Audit,joint,no

            """)
        let before = work.log
        let result = try work.run(["import", work.path("visits.csv"), "--key", work.path("nuth.pem")])
        #expect(result.status == 65)
        #expect(result.stderr.contains("row 3: visit.recorded: \"end\""), "\(result.stderr)")
        #expect(work.log == before)
    }
}
