import Foundation
import MutualLedger

/// Builds a benchmark ledger through the public API: genesis, a few enrolled actors,
/// then partnership events with realistic bodies, appended in batches with `Ledger.append`.
struct LedgerGenerator {
    /// What generating one ledger cost.
    struct Result {
        var directory: URL
        var events: Int
        /// Seconds spent inside `Ledger.append` (signing excluded).
        var appendSeconds: Double
        /// Seconds spent building and signing events (`Ledger.sign`).
        var signSeconds: Double
        var bodyBytesMean: Double
        /// A key file of an enrolled actor, mode 0600, for `mutual record`.
        var recordKey: URL
    }

    static let origin = "bench.example.org/ukug-partnerships"
    static let eventTypes = ["visit.recorded", "debrief.filed", "mission.revised", "innovation.shared"]
    static let partnerships = ["ukug-1", "ukmw-2", "ukzm-3"]
    static let sites = ["gulu-regional-referral", "lacor-hospital", "kamuzu-central", "ndola-teaching", "mbarara-university"]
    static let words = ["training", "theatre", "neonatal", "audit", "sterilisation", "handover", "pharmacy", "triage",
                        "supervision", "curriculum", "ultrasound", "maternity", "oxygen", "laboratory", "simulation",
                        "mentoring", "infection", "prevention", "records", "sepsis", "protocol", "nurses", "registrars",
                        "equipment", "follow-up", "community", "outreach", "budget", "timetable", "feedback"]

    var batch: Int

    /// Generates a ledger of exactly `events` lines in a new folder `directory` (which must not exist).
    func generate(events: Int, in directory: URL) throws -> Result {
        let ledger = Ledger(directory: LedgerDirectory(directory), rules: CoreRules())
        let steward = SigningKey.generate()
        try ledger.create(origin: Self.origin, steward: steward)

        let actors = (0..<4).map { _ in SigningKey.generate() }
        var clock: Int64 = 1_767_225_600   // 2026-01-01T00:00:00Z
        var enrolments: [SignedEvent] = []
        for (index, key) in actors.enumerated() where enrolments.count + 1 < events {
            let body = ActorEnrolledBody(actor: "coordinator-\(index + 1)", name: "Coordinator \(index + 1)",
                                         publicKey: key.publicKey, org: index % 2 == 0 ? "ukug" : "gulu-uni",
                                         roles: ["coordinator"])
            clock += 60
            enrolments.append(try Ledger<CoreRules>.sign(type: CoreEventType.actorEnrolled, body: body.json, partnership: nil,
                                                         occurred: nil, id: nil, key: steward, recorded: Timestamp(seconds: clock)))
        }
        _ = try ledger.append(enrolments)

        let keyFile = directory.appendingPathComponent("bench-actor.pem")
        guard let recordActor = actors.first else { throw BenchError("no actors to enroll") }
        try recordActor.write(to: keyFile)

        var random = SplitMix64(seed: UInt64(events))
        var remaining = events - 1 - enrolments.count
        var appendSeconds = 0.0
        var signSeconds = 0.0
        var bodyBytes = 0
        var bodies = 0
        while remaining > 0 {
            let size = min(batch, remaining)
            var signed: [SignedEvent] = []
            signed.reserveCapacity(size)
            signSeconds += try Timing.seconds {
                for _ in 0..<size {
                    let body = Self.body(&random)
                    bodyBytes += JSONValue.object(body).canonicalBytes.count
                    bodies += 1
                    clock += Int64(random.next() % 600)
                    let key = actors[Int(random.next() % UInt64(actors.count))]
                    let type = Self.eventTypes[Int(random.next() % UInt64(Self.eventTypes.count))]
                    let partnership = Self.partnerships[Int(random.next() % UInt64(Self.partnerships.count))]
                    signed.append(try Ledger<CoreRules>.sign(type: type, body: body, partnership: partnership,
                                                             occurred: Timestamp(seconds: clock - 86_400).day, id: nil,
                                                             key: key, recorded: Timestamp(seconds: clock)))
                }
            }
            appendSeconds += try Timing.seconds { _ = try ledger.append(signed) }
            remaining -= size
        }
        return Result(directory: directory, events: events, appendSeconds: appendSeconds, signSeconds: signSeconds,
                      bodyBytesMean: bodies > 0 ? Double(bodyBytes) / Double(bodies) : 0, recordKey: keyFile)
    }

    /// A body of roughly 300-500 canonical bytes: ids, a site, people, counts, a free-text summary.
    static func body(_ random: inout SplitMix64) -> [String: JSONValue] {
        func pick(_ list: [String]) -> String { list[Int(random.next() % UInt64(list.count))] }
        func sentence(_ count: Int) -> String { (0..<count).map { _ in pick(words) }.joined(separator: " ") }
        let team = (0..<(2 + Int(random.next() % 3))).map { _ in JSONValue.string("member-\(random.next() % 400)") }
        return [
            "visit": .string("v-\(random.next() % 1_000_000)"),
            "site": .string(pick(sites)),
            "team": .array(team),
            "participants": .integer(Int64(5 + random.next() % 80)),
            "nights": .integer(Int64(random.next() % 21)),
            "summary": .string("Joint " + sentence(18 + Int(random.next() % 14)) + "."),
            "actions": .array((0..<2).map { _ in .string(sentence(4)) }),
            "followUp": .bool(random.next() % 2 == 0),
        ]
    }
}
