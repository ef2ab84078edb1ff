import Foundation
import MutualLedger
@testable import PartnershipEvents

/// A partnership ledger in its own temp folder: orgs nuth (UK) and gulu-rrh (UG) in ukug-1,
/// kch outside it, and one actor per role. Fixed clock.
struct TestLedger {
    static let clock: @Sendable () -> Date = { Date(timeIntervalSince1970: 1_775_000_000) }

    let root: URL
    let ledger: Ledger<PartnershipRules>
    let steward = Self.key(1)
    let coordinatorSender = Self.key(2)   // nuth
    let coordinatorHost = Self.key(3)     // gulu-rrh
    let coordinatorOutsider = Self.key(4) // kch
    let funder = Self.key(5)
    let auditor = Self.key(6)

    static func key(_ n: UInt8) -> SigningKey {
        (try? SigningKey(seed: [UInt8](repeating: n, count: 32))) ?? SigningKey.generate()
    }

    init(populated: Bool = true) throws {
        root = FileManager.default.temporaryDirectory.appendingPathComponent("mutual-events-\(UUID().uuidString)")
        ledger = Ledger(directory: LedgerDirectory(root), rules: PartnershipRules(), clock: Self.clock)
        try ledger.create(origin: "example.org/ukug-test", steward: steward)
        guard populated else { return }
        try record(OrgRegistered(id: "nuth", name: "Newcastle Hospitals", country: "GB", incomeGroup: .hic, kind: "nhs-trust"), key: steward)
        try record(OrgRegistered(id: "gulu-rrh", name: "Gulu RRH", country: "UG", incomeGroup: .lic, kind: "hospital"), key: steward)
        try record(OrgRegistered(id: "kch", name: "King's College Hospital", country: "GB", incomeGroup: .hic, kind: "nhs-trust"), key: steward)
        try record(PartnershipRegistered(id: "ukug-1", orgs: ["nuth", "gulu-rrh"], lead: "nuth", funder: "THET", scheme: "HPS",
                                         start: date("2025-04-01")), key: steward, partnership: "ukug-1")
        try enroll("coord-nuth", coordinatorSender, org: "nuth", roles: ["coordinator"])
        try enroll("coord-gulu", coordinatorHost, org: "gulu-rrh", roles: ["coordinator"])
        try enroll("coord-kch", coordinatorOutsider, org: "kch", roles: ["coordinator"])
        try enroll("funder-1", funder, org: nil, roles: ["funder"])
        try enroll("auditor-1", auditor, org: nil, roles: ["auditor"])
    }

    func date(_ text: String) -> CalendarDate { CalendarDate(parsing: text) ?? CalendarDate(daysSinceEpoch: 0) }

    func enroll(_ actor: String, _ key: SigningKey, org: String?, roles: [String]) throws {
        let body = ActorEnrolledBody(actor: actor, name: actor, publicKey: key.publicKey, org: org, roles: roles).json
        _ = try ledger.append([try ledger.sign(type: CoreEventType.actorEnrolled, body: body, key: steward)])
    }

    @discardableResult
    func record<Body: PartnershipEventBody>(_ body: Body, key: SigningKey, partnership: String? = nil) throws -> SignedEvent {
        try record(type: Body.type, body: body.ledgerBody, key: key, partnership: partnership)
    }

    @discardableResult
    func record(type: String, body: [String: JSONValue], key: SigningKey, partnership: String?) throws -> SignedEvent {
        let signed = try ledger.sign(type: type, body: body, partnership: partnership, key: key)
        _ = try ledger.append([signed])
        return signed
    }

    func sign(type: String, body: [String: JSONValue], key: SigningKey, partnership: String?) throws -> SignedEvent {
        try ledger.sign(type: type, body: body, partnership: partnership, key: key)
    }

    var logBytes: [UInt8] { (try? [UInt8](Data(contentsOf: ledger.directory.events))) ?? [] }

    /// Every event of the log, in order.
    var events: [Event] {
        logBytes.split(separator: 0x0a).compactMap { try? LedgerLine(bytes: $0).event }
    }

    func remove() { try? FileManager.default.removeItem(at: root) }

    // MARK: - Valid bodies

    static func visit(_ id: String = "v-1", from: String = "nuth", to: String = "gulu-rrh") -> [String: JSONValue] {
        ["visit": .string(id), "from": .string(from), "to": .string(to), "start": "2026-03-02", "end": "2026-03-13",
         "mode": "in-person", "travellers": [["person": "p-017", "cadre": "nurse", "seniority": "senior"],
                                             ["person": "p-018", "cadre": "doctor", "seniority": "mid"]],
         "purpose": "Neonatal resuscitation training", "needsIdentifiedBy": "host", "briefedBeforeDeparture": true]
    }

    static func debrief(_ visit: String = "v-1") -> [String: JSONValue] {
        ["visit": .string(visit), "held": "2026-03-20", "facilitatorSeniority": "senior", "travellersAttending": 2,
         "nonTravellersAttending": 11,
         "learning": [["receivingOrg": "nuth", "level": "service", "kind": "technical", "summary": "Bubble CPAP"]],
         "actions": ["Pilot bubble CPAP"]]
    }

    static func innovation(_ id: String = "i-1") -> [String: JSONValue] {
        ["innovation": .string(id), "origin": "gulu-rrh", "recipient": "nuth", "title": "Bubble CPAP",
         "description": "Built from locally sourced parts", "frugal": true]
    }

    static func mission(_ version: Int64) -> [String: JSONValue] {
        ["version": .integer(version), "text": "Both hospitals learn from each other", "learningDirections": ["nuth", "gulu-rrh"],
         "learningLevels": ["personal", "institutional"]]
    }
}
