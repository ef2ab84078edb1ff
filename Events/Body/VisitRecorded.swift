import MutualLedger

/// `visit.recorded`: staff of one organisation visit the other (in person, remotely or both).
///
/// `from`/`to` are the sending and host org ids; `start`/`end` inclusive dates. Travellers are
/// pseudonymous person ids (`p-017`), never names.
///
/// ```json
/// {"visit": "v-2026-03", "from": "nuth", "to": "gulu-rrh", "start": "2026-03-02", "end": "2026-03-13",
///  "mode": "in-person", "travellers": [{"person": "p-017", "cadre": "nurse", "seniority": "senior"}],
///  "purpose": "Neonatal resuscitation training", "needsIdentifiedBy": "host", "briefedBeforeDeparture": true}
/// ```
///
/// ```swift
/// let visit = try VisitRecorded(body: body)
/// visit.travellers.first?.seniority   // .senior
/// ```
public struct VisitRecorded: PartnershipEventBody {
    public static let type = "visit.recorded"
    public static let schema = 1

    /// One person who travelled (or joined remotely).
    public struct Traveller: Codable, Sendable, Equatable {
        public var person: String
        public var cadre: Cadre
        public var seniority: Seniority

        public init(person: String, cadre: Cadre, seniority: Seniority) {
            self.person = person
            self.cadre = cadre
            self.seniority = seniority
        }
    }

    public var visit: String
    public var from: String
    public var to: String
    public var start: CalendarDate
    public var end: CalendarDate
    public var mode: VisitMode
    public var travellers: [Traveller]
    public var purpose: String
    public var needsIdentifiedBy: NeedsIdentifiedBy
    public var briefedBeforeDeparture: Bool

    public init(visit: String, from: String, to: String, start: CalendarDate, end: CalendarDate, mode: VisitMode,
                travellers: [Traveller], purpose: String, needsIdentifiedBy: NeedsIdentifiedBy, briefedBeforeDeparture: Bool) {
        self.visit = visit
        self.from = from
        self.to = to
        self.start = start
        self.end = end
        self.mode = mode
        self.travellers = travellers
        self.purpose = purpose
        self.needsIdentifiedBy = needsIdentifiedBy
        self.briefedBeforeDeparture = briefedBeforeDeparture
    }

    public init(body: [String: JSONValue]) throws(LedgerError) {
        let fields = try BodyFields(body, type: Self.type, required: [
            "visit", "from", "to", "start", "end", "mode", "travellers", "purpose", "needsIdentifiedBy", "briefedBeforeDeparture",
        ])
        visit = try fields.identifier("visit")
        from = try fields.identifier("from")
        to = try fields.identifier("to")
        guard from != to else { throw fields.fail("to", "must differ from \"from\"; a visit goes from one org to the other") }
        start = try fields.date("start")
        end = try fields.date("end")
        guard start <= end else { throw fields.fail("end", "(\(end)) is before start (\(start)); dates are inclusive, fix the order") }
        guard start.days(until: end) < 366 else { throw fields.fail("end", "is more than a year after start; record long placements as several visits") }
        mode = try fields.choice("mode")
        var travellers: [Traveller] = []
        for item in try fields.objects("travellers", count: 1...200) {
            let traveller = try BodyFields(item.body, type: Self.type, path: item.path, required: ["person", "cadre", "seniority"])
            let person = try traveller.identifier("person")
            guard !travellers.contains(where: { $0.person == person }) else {
                throw traveller.fail("person", "lists \(person) twice; list each traveller once")
            }
            travellers.append(Traveller(person: person, cadre: try traveller.choice("cadre"), seniority: try traveller.choice("seniority")))
        }
        self.travellers = travellers
        purpose = try fields.text("purpose", max: 2_000)
        needsIdentifiedBy = try fields.choice("needsIdentifiedBy")
        briefedBeforeDeparture = try fields.bool("briefedBeforeDeparture")
    }
}
