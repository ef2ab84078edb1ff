import MutualLedger

extension RecordStream {
    /// The record as ``PartnershipRecordProjection`` folds the corrected events: the items in log
    /// order, retracted ones left out, each with its current body.
    ///
    /// ```swift
    /// let record = stream.record()   // == PartnershipRecordProjection().fold(slice.events)
    /// ```
    public func record() -> PartnershipRecord {
        var record = PartnershipRecord()
        // Reserved at their final sizes: growing by doubling would hold the old and the new
        // storage at once, at the moment the items and the record are both in memory (the peak).
        var visits = 0, debriefs = 0
        for index in items.indices {
            switch items[index].kind {
            case .visit: visits += 1
            case .debrief where !items[index].retracted: debriefs += 1
            default: break
            }
        }
        record.visits.reserveCapacity(visits)
        record.debriefs.reserveCapacity(debriefs)
        // By index: the items are read in place, not copied out one by one.
        for index in items.indices where !items[index].retracted { Self.fold(items[index], into: &record) }
        return record
    }

    /// One step of ``PartnershipRecordProjection/apply(_:seq:to:)``, on a decoded item.
    static func fold(_ item: Item, into state: inout PartnershipRecord) {
        let seq = item.seq
        switch item.body {
        case .skip:
            break
        case .org(let id, let name, let incomeGroup):
            state.orgs[id] = .init(id: id, name: name, incomeGroup: incomeGroup, seq: seq)
        case .partnership(let id, let orgs, let lead, let funder):
            state.partnerships[id] = .init(id: id, orgs: orgs, lead: lead, funder: funder, seq: seq)
        case .actor(let key, let org):
            state.keyOrgs[key] = org
        case .visit(let v):
            guard let partnership = item.partnership else { return }
            let confirmed = state.visits[v.id]?.confirmedSeq
            state.visits[v.id] = .init(id: v.id, partnership: partnership, from: v.from, to: v.to, start: v.start,
                                       end: max(v.start, v.end), mode: v.mode, travellers: v.travellers,
                                       needsIdentifiedBy: v.needsIdentifiedBy, briefedBeforeDeparture: v.briefed,
                                       seq: seq, confirmedSeq: confirmed)
        case .confirm(let id):
            guard var visit = state.visits[id], visit.confirmedSeq == nil else { return }
            if let org = item.authorOrg, org != visit.to { return }
            visit.confirmedSeq = seq
            state.visits[id] = visit
        case .debrief(let d):
            guard let partnership = item.partnership else { return }
            state.debriefs.append(.init(visit: d.visit, partnership: partnership, held: d.held,
                                        nonTravellersAttending: d.others, learning: d.learning, seq: seq))
        case .missionRevised(let version, let directions, let levels):
            // Mutated in place (not copied out and back), so a long mission history is not copied per version.
            guard let id = item.partnership, state.partnerships[id] != nil else { return }
            var mission = PartnershipRecord.Mission(version: version, learningDirections: directions,
                                                    learningLevels: levels, revised: item.date, seq: seq)
            if let org = item.authorOrg { mission.endorsedBy[org] = seq }
            state.partnerships[id]?.missions[version] = mission
        case .missionEndorsed(let version):
            guard let id = item.partnership, let org = item.authorOrg,
                  state.partnerships[id]?.missions[version] != nil,
                  state.partnerships[id]?.missions[version]?.endorsedBy[org] == nil else { return }
            state.partnerships[id]?.missions[version]?.endorsedBy[org] = seq
        case .innovation(let id, let origin, let recipient, let title):
            guard let partnership = item.partnership else { return }
            state.innovations[id] = .init(id: id, partnership: partnership, origin: origin, recipient: recipient,
                                          title: title, shared: item.date, seq: seq)
        case .status(let id, let status, let date):
            state.innovations[id]?.statuses.append(.init(status: status, date: date ?? item.date, seq: seq))
        case .policy(let values):
            state.policies.append(.init(partnership: item.partnership, values: values, seq: seq))
        }
    }
}
