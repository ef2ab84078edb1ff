// The closed value lists of partnership event bodies (docs/EVENTS.md).

/// World Bank income group of an organisation's country: `HIC`, `UMIC`, `LMIC`, `LIC`.
///
/// ```swift
/// IncomeGroup(rawValue: "LIC")  // .lic
/// ```
public enum IncomeGroup: String, BodyEnum {
    case hic = "HIC", umic = "UMIC", lmic = "LMIC", lic = "LIC"
}

/// How a visit took place: `in-person`, `remote` or `hybrid`.
///
/// ```swift
/// VisitMode(rawValue: "hybrid")  // .hybrid
/// ```
public enum VisitMode: String, BodyEnum {
    case inPerson = "in-person", remote, hybrid
}

/// Seniority of a traveller or debrief facilitator: `junior`, `mid`, `senior`.
///
/// ```swift
/// Seniority(rawValue: "senior")  // .senior
/// ```
public enum Seniority: String, BodyEnum {
    case junior, mid, senior
}

/// Professional group of a traveller.
///
/// ```swift
/// Cadre(rawValue: "allied-health")  // .alliedHealth
/// ```
public enum Cadre: String, BodyEnum {
    case doctor, nurse, midwife, alliedHealth = "allied-health", manager, other
}

/// Who identified the needs a visit answers: `host`, `joint` or `sender`.
///
/// ```swift
/// NeedsIdentifiedBy(rawValue: "joint")  // .joint
/// ```
public enum NeedsIdentifiedBy: String, BodyEnum {
    case host, joint, sender
}

/// The level at which a debrief's learning lands: `personal`, `professional`, `service`, `system`.
///
/// ```swift
/// LearningLevel(rawValue: "service")  // .service
/// ```
public enum LearningLevel: String, BodyEnum {
    case personal, professional, service, system
}

/// Whether a piece of learning is `technical` or `cultural`.
///
/// ```swift
/// LearningKind(rawValue: "cultural")  // .cultural
/// ```
public enum LearningKind: String, BodyEnum {
    case technical, cultural
}

/// The levels a mission statement declares learning at: `personal`, `institutional`.
///
/// ```swift
/// MissionLevel(rawValue: "institutional")  // .institutional
/// ```
public enum MissionLevel: String, BodyEnum {
    case personal, institutional
}

/// Where a shared innovation stands: `considered`, `piloted`, `adopted`, `scaled`, `abandoned`.
///
/// ```swift
/// InnovationStatus(rawValue: "piloted")  // .piloted
/// ```
public enum InnovationStatus: String, BodyEnum {
    case considered, piloted, adopted, scaled, abandoned
}
