/// Rules about visits and debriefs: R1–R4 and R8–R11.
extension RuleContext {
    func r1DebriefHeld() -> RuleResult {
        let days = thresholds.debriefWithinDays
        guard let reportDate else { return result("R1", .notApplicable, "The ledger holds no dated events yet.", []) }
        // Indices into `visits` and `debriefs`, so that no visit or debrief is copied.
        let due = visits.indices.filter { visits[$0].end.days(until: reportDate) > days }
        guard !due.isEmpty else {
            return result("R1", .notApplicable, "No visit in the period ended more than \(days) days before \(reportDate.text).", policySeqs("debriefWithinDays"))
        }
        var missing: [Int] = []
        var evidence = policySeqs("debriefWithinDays")
        var byVisit: [String: [Int]] = [:]
        for index in debriefs.indices { byVisit[debriefs[index].visit, default: []].append(index) }
        for index in due {
            let limit = visits[index].end.adding(days: days)
            if let debrief = byVisit[visits[index].id]?.first(where: { debriefs[$0].held <= limit }) {
                evidence.append(debriefs[debrief].seq)
            } else {
                missing.append(index)
            }
        }
        if missing.isEmpty {
            return result("R1", .pass, "All \(count(due.count, "visit")) due a debrief had one within \(days) days of ending.", evidence)
        }
        let late = missing.flatMap { byVisit[visits[$0].id] ?? [] }.map { debriefs[$0].seq }
        return result("R1", .fail, "\(count(missing.count, "visit")) had no debrief within \(days) days of ending: \(list(missing.map { visits[$0].id })).",
                      missing.map { visits[$0].seq } + late + policySeqs("debriefWithinDays"))
    }

    func r2DebriefReachesOthers() -> RuleResult {
        guard !debriefs.isEmpty else { return result("R2", .notApplicable, "No debrief of a visit in the period is recorded.", []) }
        let closed = debriefs.indices.filter { debriefs[$0].nonTravellersAttending < 1 }
        if closed.isEmpty {
            return result("R2", .pass, "All \(count(debriefs.count, "debrief")) had at least one non-travelling attendee.", debriefs.map(\.seq))
        }
        return result("R2", .fail, "\(count(closed.count, "debrief")) had no non-travelling attendee (visits \(list(closed.map { debriefs[$0].visit }))).",
                      closed.map { debriefs[$0].seq })
    }

    func r3SystemLearning() -> RuleResult {
        guard !visits.isEmpty else { return result("R3", .notApplicable, "No visit in the period.", []) }
        var lacking: [String] = []
        var evidence: [Int] = []
        for org in [sides.a, sides.b] {
            let first = debriefs.firstIndex { $0.learning.contains { $0.receivingOrg == org && $0.isServiceOrSystem } }
            if let first { evidence.append(debriefs[first].seq) } else { lacking.append(org) }
        }
        if lacking.isEmpty {
            return result("R3", .pass, "Both \(sides.a) and \(sides.b) received service- or system-level learning in the period.", evidence)
        }
        return result("R3", .fail, "No service- or system-level learning received by \(lacking.joined(separator: " or ")) in the period.",
                      debriefs.map(\.seq) + (debriefs.isEmpty ? visits.map(\.seq) : []))
    }

    func r4SeniorInvolvement() -> RuleResult {
        shareRule("R4", threshold: thresholds.seniorShareMin, policy: "seniorShareMin",
                  matches: { $0.hasSenior }, what: "included a senior traveller")
    }

    func r9HostLedNeeds() -> RuleResult {
        shareRule("R9", threshold: thresholds.hostLedShareMin, policy: "hostLedShareMin",
                  matches: { $0.needsIdentifiedBy == "host" || $0.needsIdentifiedBy == "joint" },
                  what: "had needs identified by the host or jointly")
    }

    /// Pass when at least `threshold` percent of the period's visits match.
    func shareRule(_ id: String, threshold: Int, policy: String, matches: (PartnershipRecord.Visit) -> Bool, what: String) -> RuleResult {
        guard !visits.isEmpty else { return result(id, .notApplicable, "No visit in the period.", policySeqs(policy)) }
        var hits: [Int] = [], misses: [Int] = []   // seqs
        for index in visits.indices {
            if matches(visits[index]) { hits.append(visits[index].seq) } else { misses.append(visits[index].seq) }
        }
        let share = Decimal3.percent(hits.count, visits.count)
        // Compare exactly: hits / visits >= threshold / 100.
        let passes = hits.count * 100 >= threshold * visits.count
        let reason = "\(hits.count) of \(count(visits.count, "visit")) (\(share)%) \(what); the minimum is \(threshold)%."
        return result(id, passes ? .pass : .fail, reason, (passes ? hits : misses) + policySeqs(policy))
    }

    func r8TwoWayFlow() -> RuleResult {
        var aToB: [Int] = [], bToA: [Int] = []   // seqs
        for index in visits.indices {
            switch sides.direction(from: visits[index].from, to: visits[index].to) {
            case .aToB?: aToB.append(visits[index].seq)
            case .bToA?: bToA.append(visits[index].seq)
            case nil: break
            }
        }
        if !aToB.isEmpty && !bToA.isEmpty {
            return result("R8", .pass, "\(count(aToB.count, "visit")) went from \(sides.a) to \(sides.b) and \(bToA.count) the other way.",
                          [aToB[0], bToA[0]])
        }
        var missing: [String] = []
        if aToB.isEmpty { missing.append("from \(sides.a) to \(sides.b)") }
        if bToA.isEmpty { missing.append("from \(sides.b) to \(sides.a)") }
        return result("R8", .fail, "No visit \(missing.joined(separator: " and no visit ")) in the period.", visits.map(\.seq))
    }

    func r10HostConfirmed() -> RuleResult {
        guard !visits.isEmpty else { return result("R10", .notApplicable, "No visit in the period.", []) }
        let unconfirmed = visits.indices.filter { visits[$0].confirmedSeq == nil }
        if unconfirmed.isEmpty {
            return result("R10", .pass, "All \(count(visits.count, "visit")) were confirmed by their host.", visits.compactMap(\.confirmedSeq))
        }
        return result("R10", .fail, "\(count(unconfirmed.count, "visit")) not confirmed by the host: \(list(unconfirmed.map { visits[$0].id })).",
                      unconfirmed.map { visits[$0].seq })
    }

    func r11Briefed() -> RuleResult {
        guard !visits.isEmpty else { return result("R11", .notApplicable, "No visit in the period.", []) }
        let unbriefed = visits.indices.filter { !visits[$0].briefedBeforeDeparture }
        if unbriefed.isEmpty {
            return result("R11", .pass, "Travellers on all \(count(visits.count, "visit")) were briefed before departure.", visits.map(\.seq))
        }
        return result("R11", .fail, "\(count(unbriefed.count, "visit")) left without a briefing: \(list(unbriefed.map { visits[$0].id })).",
                      unbriefed.map { visits[$0].seq })
    }
}
