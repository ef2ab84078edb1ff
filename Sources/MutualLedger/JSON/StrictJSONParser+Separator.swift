/// The byte after an array element or an object member, shared by the general and the canonical
/// object parsers and the array parser: `,` (another follows) or the container's closing byte.
///
/// ```swift
/// elements.append(try parseValue())
/// skipWhitespace()
/// if try !continueContainer(.array) { return .array(elements) }
/// ```
extension StrictJSONParser {
    /// The kind of container being read, for the closing byte and the messages.
    enum Container {
        case array, object

        var closer: UInt8 { self == .array ? UInt8(ascii: "]") : UInt8(ascii: "}") }
        var name: String { self == .array ? "array" : "object" }
        var parts: String { self == .array ? "elements" : "members" }
    }

    /// Reads the separator at `position`: true after a `,`, false after the closing byte (the
    /// container has ended and `depth` is back to its level); throws on anything else.
    @inline(__always)
    mutating func continueContainer(_ container: Container) throws(LedgerError) -> Bool {
        guard position < bytes.count else {
            throw failure("unexpected end of input inside an \(container.name)", at: position,
                          fix: "close the \(container.name) with '\(Character(Unicode.Scalar(container.closer)))'")
        }
        switch bytes[position] {
        case UInt8(ascii: ","):
            position += 1
            return true
        case container.closer:
            position += 1
            depth -= 1
            return false
        default:
            throw failure("unexpected \(describeByte(at: position)) inside an \(container.name)", at: position,
                          fix: "separate \(container.parts) with ',' and close the \(container.name) with '\(Character(Unicode.Scalar(container.closer)))'")
        }
    }
}
