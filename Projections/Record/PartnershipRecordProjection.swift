import MutualLedger

/// Folds the partnership vocabulary (issue 3) into a ``PartnershipRecord``, reading only the
/// body members the reports need. Unknown types and bodies missing a needed member are skipped.
///
/// ```swift
/// let record = PartnershipRecordProjection().fold(slice.events)
/// ```
public struct PartnershipRecordProjection: Projection {
    public static let name = "partnership-record"
    public static let version = 1

    /// The event types this projection reads (pass to ``ProjectionRunner/read(at:keeping:)``).
    public static let eventTypes: Set<String> = [
        "org.registered", "partnership.registered", CoreEventType.actorEnrolled, "visit.recorded", "visit.confirmed",
        "debrief.recorded", "mission.revised", "mission.endorsed", "innovation.shared", "innovation.status", "policy.set",
    ]

    public init() {}

    public var initialState: PartnershipRecord { PartnershipRecord() }

    public func apply(_ event: Event, seq: Int, to state: inout PartnershipRecord) {
        let body = event.body
        switch event.type {
        case "org.registered":
            guard let id = body["id"]?.stringValue else { return }
            state.orgs[id] = .init(id: id, name: body["name"]?.stringValue ?? id,
                                   incomeGroup: body["incomeGroup"]?.stringValue ?? "", seq: seq)
        case "partnership.registered":
            guard let id = body["id"]?.stringValue, let orgs = body["orgs"]?.arrayValue?.compactMap(\.stringValue),
                  orgs.count == 2 else { return }
            state.partnerships[id] = .init(id: id, orgs: orgs, lead: body["lead"]?.stringValue ?? orgs[0],
                                           funder: body["funder"]?.stringValue ?? "", seq: seq)
        case CoreEventType.actorEnrolled:
            guard let org = body["org"]?.stringValue, let key = body["publicKey"]?.stringValue,
                  let raw = Base64.decode(key) else { return }
            state.keyOrgs[KeyID(rawPublicKey: raw).text] = org
        case "visit.recorded":
            applyVisit(body, event: event, seq: seq, to: &state)
        case "visit.confirmed":
            guard let id = body["visit"]?.stringValue, var visit = state.visits[id], visit.confirmedSeq == nil else { return }
            if let org = state.keyOrgs[event.author.text], org != visit.to { return }
            visit.confirmedSeq = seq
            state.visits[id] = visit
        case "debrief.recorded":
            applyDebrief(body, event: event, seq: seq, to: &state)
        case "mission.revised", "mission.endorsed":
            applyMission(body, event: event, seq: seq, to: &state)
        case "innovation.shared":
            guard let id = body["innovation"]?.stringValue, let partnership = event.partnership,
                  let origin = body["origin"]?.stringValue, let recipient = body["recipient"]?.stringValue else { return }
            state.innovations[id] = .init(id: id, partnership: partnership, origin: origin, recipient: recipient,
                                          title: body["title"]?.stringValue ?? id, shared: event.effectiveDate, seq: seq)
        case "innovation.status":
            guard let id = body["innovation"]?.stringValue, let status = body["status"]?.stringValue else { return }
            let date = body["date"]?.stringValue.flatMap(CalendarDate.init(parsing:)) ?? event.effectiveDate
            state.innovations[id]?.statuses.append(.init(status: status, date: date, seq: seq))
        case "policy.set":
            var values: [String: Int] = [:]
            for name in Thresholds.names { if let value = body[name]?.intValue { values[name] = value } }
            state.policies.append(.init(partnership: event.partnership, values: values, seq: seq))
        default:
            break
        }
    }

    private func applyVisit(_ body: [String: JSONValue], event: Event, seq: Int, to state: inout PartnershipRecord) {
        guard let id = body["visit"]?.stringValue, let partnership = event.partnership,
              let from = body["from"]?.stringValue, let to = body["to"]?.stringValue,
              let start = body["start"]?.stringValue.flatMap(CalendarDate.init(parsing:)),
              let end = body["end"]?.stringValue.flatMap(CalendarDate.init(parsing:)) else { return }
        let travellers = (body["travellers"]?.arrayValue ?? []).map {
            PartnershipRecord.Traveller(person: $0["person"]?.stringValue ?? "", seniority: $0["seniority"]?.stringValue ?? "")
        }
        let confirmed = state.visits[id]?.confirmedSeq
        state.visits[id] = .init(id: id, partnership: partnership, from: from, to: to, start: start, end: max(start, end),
                                 mode: body["mode"]?.stringValue ?? "in-person", travellers: travellers,
                                 needsIdentifiedBy: body["needsIdentifiedBy"]?.stringValue ?? "",
                                 briefedBeforeDeparture: body["briefedBeforeDeparture"]?.boolValue ?? false,
                                 seq: seq, confirmedSeq: confirmed)
    }

    private func applyDebrief(_ body: [String: JSONValue], event: Event, seq: Int, to state: inout PartnershipRecord) {
        guard let visit = body["visit"]?.stringValue, let partnership = event.partnership,
              let held = body["held"]?.stringValue.flatMap(CalendarDate.init(parsing:)) else { return }
        let others = body["nonTravellersAttending"]
        let count = others?.intValue ?? others?.arrayValue?.count ?? 0
        let learning = (body["learning"]?.arrayValue ?? []).compactMap { item -> PartnershipRecord.LearningItem? in
            guard let org = item["receivingOrg"]?.stringValue, let level = item["level"]?.stringValue else { return nil }
            return .init(receivingOrg: org, level: level)
        }
        state.debriefs.append(.init(visit: visit, partnership: partnership, held: held,
                                    nonTravellersAttending: count, learning: learning, seq: seq))
    }

    private func applyMission(_ body: [String: JSONValue], event: Event, seq: Int, to state: inout PartnershipRecord) {
        guard let id = event.partnership, var partnership = state.partnerships[id],
              let version = body["version"]?.intValue else { return }
        let authorOrg = state.keyOrgs[event.author.text]
        if event.type == "mission.revised" {
            var mission = PartnershipRecord.Mission(
                version: version,
                learningDirections: body["learningDirections"]?.arrayValue?.compactMap(\.stringValue) ?? [],
                learningLevels: body["learningLevels"]?.arrayValue?.compactMap(\.stringValue) ?? [],
                revised: event.effectiveDate, seq: seq)
            if let authorOrg { mission.endorsedBy[authorOrg] = seq }
            partnership.missions[version] = mission
        } else if let authorOrg, partnership.missions[version]?.endorsedBy[authorOrg] == nil {
            partnership.missions[version]?.endorsedBy[authorOrg] = seq
        }
        state.partnerships[id] = partnership
    }
}
