import MutualLedger

/// Strict reading of one event body (or one object inside it) with one-line errors
/// that name the event type, the field and the fix.
///
/// ```swift
/// let fields = try BodyFields(body, type: "visit.recorded", required: ["visit", "start"])
/// let visit = try fields.identifier("visit")
/// let start = try fields.date("start")
/// ```
struct BodyFields {
    let body: [String: JSONValue]
    let type: String
    /// Path of this object inside the body, e.g. `travellers[2]`, used in messages.
    let path: BodyPath

    /// `required` and `optional` are lists of distinct names (a list, not a `Set`: building a set
    /// hashes every name, for every body read).
    init(_ body: [String: JSONValue], type: String, path: BodyPath = .root, required: [String], optional: [String] = []) throws(LedgerError) {
        self.body = body
        self.type = type
        self.path = path
        // The usual case, without sorting, sets or hashing: each member is one of the listed names
        // (compared by length first) and every required name is among them. Otherwise the checks
        // below name the first problem.
        var requiredFound = 0
        var known = true
        for name in body.keys where known {
            if Self.list(required, contains: name) {
                requiredFound += 1
            } else if !Self.list(optional, contains: name) {
                known = false
            }
        }
        if !known || requiredFound != required.count {
            try checkNames(required: Set(required), optional: Set(optional))
        }
    }

    /// Whether `names` holds `name` (the lengths compared first: most names differ in length).
    private static func list(_ names: [String], contains name: String) -> Bool {
        let length = name.utf8.count
        for candidate in names where candidate.utf8.count == length && candidate == name { return true }
        return false
    }

    /// The missing-field and unknown-field errors of ``init(_:type:path:required:optional:)``, in
    /// their documented order (missing fields first, each kind by name).
    private func checkNames(required: Set<String>, optional: Set<String>) throws(LedgerError) {
        for name in required.sorted() where body[name] == nil {
            throw fail(name, "is missing; add it (see docs/EVENTS.md)")
        }
        for name in body.keys.sorted() where !required.contains(name) && !optional.contains(name) {
            throw fail(name, "is not a field of \(type); remove it (allowed: \(required.union(optional).sorted().joined(separator: ", ")))")
        }
    }

    func name(_ field: String) -> String { path.name(field) }

    func fail(_ field: String, _ problem: String) -> LedgerError {
        LedgerError(.validation, "\(type): \"\(name(field))\" \(problem)")
    }

    func has(_ field: String) -> Bool {
        if let value = body[field], !value.isNull { return true }
        return false
    }

    func identifier(_ field: String) throws(LedgerError) -> String {
        guard let text = body[field]?.stringValue, Identifier.isValid(text) else {
            throw fail(field, "must be an identifier like ukug-1 (lowercase letters, digits, . _ -; at most 64)")
        }
        return text
    }

    func text(_ field: String, max: Int, allowEmpty: Bool = false) throws(LedgerError) -> String {
        guard let text = body[field]?.stringValue else { throw fail(field, "must be a string") }
        if !allowEmpty && Self.isBlank(text) { throw fail(field, "must not be empty; write some text") }
        guard Self.fits(text, max: max) else { throw fail(field, "is longer than \(max) characters; shorten it") }
        return text
    }

    /// Whether `text` is empty or only whitespace (`trimmingWhitespace.isEmpty`). A first byte that
    /// is printable ASCII other than a space starts a character that is not whitespace, so the usual
    /// text is settled without Unicode properties.
    static func isBlank(_ text: String) -> Bool {
        if let first = text.utf8.first, first > 0x20, first < 0x7F { return false }
        return text.trimmingWhitespace.isEmpty
    }

    /// Whether `text` has at most `max` characters; a character is at least one UTF-8 byte, so
    /// short text is settled without counting grapheme clusters.
    static func fits(_ text: String, max: Int) -> Bool {
        text.utf8.count <= max || text.count <= max
    }

    func date(_ field: String) throws(LedgerError) -> CalendarDate {
        guard let text = body[field]?.stringValue, let date = CalendarDate(parsing: text) else {
            throw fail(field, "must be a date YYYY-MM-DD, e.g. 2026-03-01")
        }
        return date
    }

    func bool(_ field: String) throws(LedgerError) -> Bool {
        guard let flag = body[field]?.boolValue else { throw fail(field, "must be true or false") }
        return flag
    }

    func integer(_ field: String, in range: ClosedRange<Int>) throws(LedgerError) -> Int {
        guard let number = body[field]?.intValue, range.contains(number) else {
            throw fail(field, "must be an integer from \(range.lowerBound) to \(range.upperBound)")
        }
        return number
    }

    func choice<E: BodyEnum>(_ field: String, _ kind: E.Type = E.self) throws(LedgerError) -> E {
        guard let text = body[field]?.stringValue, let value = E(rawValue: text) else {
            throw fail(field, "must be one of \(E.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        return value
    }

    func array(_ field: String, count range: ClosedRange<Int>) throws(LedgerError) -> [JSONValue] {
        guard let list = body[field]?.arrayValue else { throw fail(field, "must be a list") }
        guard range.contains(list.count) else {
            throw fail(field, "must hold \(range.lowerBound) to \(range.upperBound) items, not \(list.count)")
        }
        return list
    }

    func objects(_ field: String, count range: ClosedRange<Int>) throws(LedgerError) -> [(path: BodyPath, body: [String: JSONValue])] {
        let list = try array(field, count: range)
        var result: [(path: BodyPath, body: [String: JSONValue])] = []
        result.reserveCapacity(list.count)
        for (index, item) in list.enumerated() {
            guard let object = item.objectValue else { throw fail("\(field)[\(index)]", "must be an object") }
            result.append((path.item(field, index), object))
        }
        return result
    }

    func identifiers(_ field: String, count range: ClosedRange<Int>) throws(LedgerError) -> [String] {
        var result: [String] = []
        for item in try array(field, count: range) {
            guard let text = item.stringValue, Identifier.isValid(text) else {
                throw fail(field, "must list identifiers like ukug-1")
            }
            guard !result.contains(text) else { throw fail(field, "lists \(text) twice; list each once") }
            result.append(text)
        }
        return result
    }

    func texts(_ field: String, count range: ClosedRange<Int>, max: Int) throws(LedgerError) -> [String] {
        var result: [String] = []
        for item in try array(field, count: range) {
            guard let text = item.stringValue, !Self.isBlank(text), Self.fits(text, max: max) else {
                throw fail(field, "must list non-empty strings of at most \(max) characters")
            }
            result.append(text)
        }
        return result
    }

    func choices<E: BodyEnum>(_ field: String, _ kind: E.Type = E.self, count range: ClosedRange<Int>) throws(LedgerError) -> [E] {
        var result: [E] = []
        for item in try array(field, count: range) {
            guard let text = item.stringValue, let value = E(rawValue: text) else {
                throw fail(field, "must list values among \(E.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            guard !result.contains(value) else { throw fail(field, "lists \(text) twice; list each once") }
            result.append(value)
        }
        return result
    }
}

extension String {
    var trimmingWhitespace: Substring {
        var text = self[...]
        while let first = text.first, first.isWhitespace { text = text.dropFirst() }
        while let last = text.last, last.isWhitespace { text = text.dropLast() }
        return text
    }
}
