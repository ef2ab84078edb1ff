/// The compliance thresholds in force at a report's point, for one partnership.
///
/// Each comes from the latest `policy.set` for the partnership that sets it, else the latest
/// ledger-level one (`partnership` null), else the default (30, 50, 24, 50).
///
/// ```swift
/// let t = Thresholds.inForce(for: "ukug-1", in: record)
/// t.debriefWithinDays   // 30 unless a policy.set says otherwise
/// t.sources["debriefWithinDays"]   // seq of the policy.set it came from, if any
/// ```
public struct Thresholds: Sendable, Equatable {
    public static let names = ["debriefWithinDays", "seniorShareMin", "missionReviewMonths", "hostLedShareMin"]
    public static let defaults = ["debriefWithinDays": 30, "seniorShareMin": 50, "missionReviewMonths": 24, "hostLedShareMin": 50]

    public var values: [String: Int]
    /// The seq of the `policy.set` each non-default value came from.
    public var sources: [String: Int]

    public var debriefWithinDays: Int { values["debriefWithinDays"] ?? 30 }
    public var seniorShareMin: Int { values["seniorShareMin"] ?? 50 }
    public var missionReviewMonths: Int { values["missionReviewMonths"] ?? 24 }
    public var hostLedShareMin: Int { values["hostLedShareMin"] ?? 50 }

    public static func inForce(for partnership: String, in record: PartnershipRecord) -> Thresholds {
        var values = defaults
        var sources: [String: Int] = [:]
        let ledgerWide = record.policies.filter { $0.partnership == nil }
        let own = record.policies.filter { $0.partnership == partnership }
        for setting in ledgerWide + own {
            for (name, value) in setting.values {
                values[name] = value
                sources[name] = setting.seq
            }
        }
        return Thresholds(values: values, sources: sources)
    }
}
