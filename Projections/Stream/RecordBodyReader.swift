import MutualLedger

/// What the report fold reads from an event body, whichever way the body was decoded: from the
/// strict parser's `JSONValue` tree (``JSONBodyReader``) or straight from the line's bytes
/// (``SpanBodyReader``). Both must answer alike; a differential test holds them to it.
///
/// Each accessor mirrors a `JSONValue` accessor: `string` is `stringValue`, `int` is `intValue`,
/// `bool` is `boolValue`, `strings` is `arrayValue?.compactMap(\.stringValue)`, `count` is
/// `arrayValue?.count`, and `objects` gives each array element as a reader (an element that is
/// not an object reads as empty).
///
/// ```swift
/// func visitID(_ body: some RecordBodyReader) -> String? { body.string("visit") }
/// visitID(JSONBodyReader(["visit": .string("v-1")]))   // "v-1"
/// ```
public protocol RecordBodyReader {
    func string(_ key: StaticString) -> String?
    func int(_ key: StaticString) -> Int?
    func bool(_ key: StaticString) -> Bool?
    func count(_ key: StaticString) -> Int?
    func strings(_ key: StaticString) -> [String]?
    func objects(_ key: StaticString) -> [Self]?
    /// `stringValue` read as a `YYYY-MM-DD` date (`CalendarDate(parsing:)`).
    func date(_ key: StaticString) -> CalendarDate?
}
