/// Rules about the mission statement: R5–R7.
extension RuleContext {
    /// The latest mission version, adopted or not.
    var currentMission: PartnershipRecord.Mission? { partnership.missions.values.max { $0.version < $1.version } }

    /// The latest version endorsed by both orgs.
    var adoptedMission: PartnershipRecord.Mission? {
        partnership.missions.values.filter { isEndorsedByBoth($0) }.max { $0.version < $1.version }
    }

    func isEndorsedByBoth(_ mission: PartnershipRecord.Mission) -> Bool {
        partnership.orgs.allSatisfy { mission.endorsedBy[$0] != nil }
    }

    func r5MissionBidirectional() -> RuleResult {
        guard let mission = adoptedMission else {
            return result("R5", .fail, "No mission version has been endorsed by both organisations.", currentMission.map { [$0.seq] } ?? [])
        }
        let bothWays = partnership.orgs.allSatisfy(mission.learningDirections.contains)
        let bothLevels = ["personal", "institutional"].allSatisfy(mission.learningLevels.contains)
        let evidence = [mission.seq] + mission.endorsedBy.values
        if bothWays && bothLevels {
            return result("R5", .pass, "Mission v\(mission.version) declares learning in both directions at personal and institutional level.", evidence)
        }
        var gaps: [String] = []
        if !bothWays { gaps.append("learning by \(partnership.orgs.filter { !mission.learningDirections.contains($0) }.joined(separator: ", "))") }
        if !bothLevels { gaps.append("\(["personal", "institutional"].filter { !mission.learningLevels.contains($0) }.joined(separator: ", ")) level") }
        return result("R5", .fail, "Mission v\(mission.version) does not declare \(gaps.joined(separator: " or ")).", evidence)
    }

    func r6MissionEndorsed() -> RuleResult {
        guard let mission = currentMission else { return result("R6", .fail, "No mission statement is recorded.", []) }
        let missing = partnership.orgs.filter { mission.endorsedBy[$0] == nil }
        if missing.isEmpty {
            return result("R6", .pass, "Mission v\(mission.version) is endorsed by both organisations.", [mission.seq] + mission.endorsedBy.values)
        }
        return result("R6", .fail, "Mission v\(mission.version) is not endorsed by \(missing.joined(separator: " or ")).", [mission.seq] + mission.endorsedBy.values)
    }

    func r7MissionFresh() -> RuleResult {
        let months = thresholds.missionReviewMonths
        guard let mission = currentMission else { return result("R7", .fail, "No mission statement is recorded.", policySeqs("missionReviewMonths")) }
        guard let reportDate else { return result("R7", .notApplicable, "The ledger holds no dated events yet.", []) }
        let due = mission.revised.adding(months: months)
        let evidence = [mission.seq] + policySeqs("missionReviewMonths")
        if reportDate <= due {
            return result("R7", .pass, "Mission v\(mission.version) was revised on \(mission.revised.text), within \(months) months of \(reportDate.text).", evidence)
        }
        return result("R7", .fail, "Mission v\(mission.version) was last revised on \(mission.revised.text), more than \(months) months before \(reportDate.text).", evidence)
    }
}
