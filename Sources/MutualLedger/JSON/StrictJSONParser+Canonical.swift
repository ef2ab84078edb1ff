/// Objects in canonical mode (``CanonicalJSON/parseCanonicalFast(_:)``, the line scanner).
///
/// Members are collected on `memberStack` and the dictionary is built once, at its final size.
/// Names are proven distinct by their strictly increasing order (``checkMemberOrder(_:)``); any
/// name that cannot be proven so sets `notCanonical`, and then the value is discarded and the
/// general parser decides. Errors thrown here are discarded the same way (callers use `try?`).
///
/// ```swift
/// var parser = StrictJSONParser(bytes: buffer, maxDepth: 64)
/// parser.canonicalOnly = true
/// let value = try? parser.parseDocument()   // use it only if !parser.notCanonical
/// ```
extension StrictJSONParser {
    /// The object at `position` as a dictionary.
    mutating func parseCanonicalObject() throws(LedgerError) -> JSONValue {
        let base = memberStack.count
        try parseCanonicalMembers()
        var members = [String: JSONValue](minimumCapacity: memberStack.count - base)
        for index in base..<memberStack.count where members.updateValue(memberStack[index].value, forKey: memberStack[index].name) != nil {
            notCanonical = true
        }
        memberStack.removeSubrange(base...)
        return .object(members)
    }

    /// The object at `position` as its members in order (the line scanner reads the event so).
    /// With nothing else on `memberStack` (a parser that has parsed nothing yet) the stack itself
    /// is handed over, without copying it.
    mutating func parseCanonicalMemberList() throws(LedgerError) -> [(name: String, value: JSONValue)] {
        let base = memberStack.count
        try parseCanonicalMembers()
        if base == 0 {
            defer { memberStack = [] }
            return memberStack
        }
        let members = Array(memberStack[base...])
        memberStack.removeSubrange(base...)
        return members
    }

    /// Parses the object at `position`, pushing its members on `memberStack`.
    private mutating func parseCanonicalMembers() throws(LedgerError) {
        try enter()
        position += 1  // {
        previousName = nil
        if position < bytes.count && bytes[position] == UInt8(ascii: "}") {
            position += 1
            depth -= 1
            return
        }
        while true {
            let nameOffset = position
            guard position < bytes.count, bytes[position] == UInt8(ascii: "\"") else {
                throw failure("expected a member name in double quotes", at: position, fix: "quote every member name")
            }
            let name = try parseString()
            checkMemberOrder(nameOffset)
            guard position < bytes.count, bytes[position] == UInt8(ascii: ":") else {
                throw failure("expected ':' after a member name", at: position, fix: "write no whitespace")
            }
            position += 1
            let saved = previousName
            let value = try parseValue()
            previousName = saved
            memberStack.append((name, value))
            // Errors here are discarded (see above), so the general messages serve.
            if try !continueContainer(.object) { return }
        }
    }
}
