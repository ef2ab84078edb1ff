/// A closed list of values that a body field may take, written as its raw string.
///
/// ```swift
/// VisitMode(rawValue: "in-person")   // .inPerson
/// VisitMode.allCases.map(\.rawValue) // ["in-person", "remote", "hybrid"]
/// ```
public protocol BodyEnum: RawRepresentable, CaseIterable, Codable, Sendable, Hashable where RawValue == String {}
