import MutualLedger

/// What ``PartnershipRules/apply(_:seq:registry:state:)`` reads of a body that `check` has
/// already validated: only the members the state keeps, without validating the whole body
/// again (the full typed decode is `check`'s job; a valid history gives the same values).
///
/// ```swift
/// let facts = PartnershipRules.VisitFacts(["visit": "v-1", "from": "a", "to": "b",
///                                          "start": "2026-03-02", "end": "2026-03-05"])
/// facts?.to   // "b"
/// ```
extension PartnershipRules {
    struct VisitFacts {
        var visit: String
        var from: String
        var to: String
        var start: CalendarDate
        var end: CalendarDate

        /// Nil if a member the state keeps is missing or of the wrong type (never on a checked body).
        init?(_ body: [String: JSONValue]) {
            guard let visit = body["visit"]?.stringValue, let from = body["from"]?.stringValue, let to = body["to"]?.stringValue,
                  let start = body["start"]?.stringValue.flatMap(CalendarDate.init(parsing:)),
                  let end = body["end"]?.stringValue.flatMap(CalendarDate.init(parsing:))
            else { return nil }
            (self.visit, self.from, self.to, self.start, self.end) = (visit, from, to, start, end)
        }
    }

    struct InnovationFacts {
        var innovation: String
        var origin: String
        var recipient: String

        /// Nil if a member the state keeps is missing or not a string (never on a checked body).
        init?(_ body: [String: JSONValue]) {
            guard let innovation = body["innovation"]?.stringValue, let origin = body["origin"]?.stringValue,
                  let recipient = body["recipient"]?.stringValue
            else { return nil }
            (self.innovation, self.origin, self.recipient) = (innovation, origin, recipient)
        }
    }
}
