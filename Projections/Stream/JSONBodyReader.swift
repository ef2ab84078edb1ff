import MutualLedger

/// A ``RecordBodyReader`` over a decoded body.
///
/// ```swift
/// JSONBodyReader(["version": .integer(2)]).int("version")   // 2
/// ```
public struct JSONBodyReader: RecordBodyReader {
    public let members: [String: JSONValue]

    public init(_ members: [String: JSONValue]) { self.members = members }

    @inline(__always) func value(_ key: StaticString) -> JSONValue? { members[key.description] }

    public func string(_ key: StaticString) -> String? { value(key)?.stringValue }
    public func int(_ key: StaticString) -> Int? { value(key)?.intValue }
    public func bool(_ key: StaticString) -> Bool? { value(key)?.boolValue }
    public func count(_ key: StaticString) -> Int? { value(key)?.arrayValue?.count }
    public func strings(_ key: StaticString) -> [String]? { value(key)?.arrayValue?.compactMap(\.stringValue) }
    public func date(_ key: StaticString) -> CalendarDate? { string(key).flatMap(CalendarDate.init(parsing:)) }
    public func objects(_ key: StaticString) -> [JSONBodyReader]? {
        value(key)?.arrayValue?.map { JSONBodyReader($0.objectValue ?? [:]) }
    }
}
