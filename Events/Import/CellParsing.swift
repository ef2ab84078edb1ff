import MutualLedger

/// Turning the short text forms people type (in CSV cells and command-line flags) into body JSON.
/// Values are not validated here beyond their shape; the body types do that with field-naming messages.
///
/// ```swift
/// try CellParsing.traveller("p-017:nurse:senior")
/// // ["person": "p-017", "cadre": "nurse", "seniority": "senior"]
/// try CellParsing.learning("nuth:service:technical:Bubble CPAP from local parts")
/// ```
public enum CellParsing {
    /// `person:cadre:seniority`.
    public static func traveller(_ text: String) throws(LedgerError) -> JSONValue {
        let parts = asciiColonParts(text) ?? text.trimmingWhitespace.split(separator: ":", omittingEmptySubsequences: false).map(String.init)
        guard parts.count == 3 else {
            throw LedgerError(.validation, "traveller \"\(text)\" must be person:cadre:seniority, e.g. p-017:nurse:senior")
        }
        return ["person": .string(parts[0]), "cadre": .string(parts[1]), "seniority": .string(parts[2])]
    }

    /// Travellers separated by `;` or newlines.
    public static func travellers(_ text: String) throws(LedgerError) -> JSONValue {
        var list: [JSONValue] = []
        for item in items(text, separators: [";", "\n"]) { list.append(try traveller(item)) }
        return .array(list)
    }

    /// `receivingOrg:level:kind:summary` (the summary may itself hold colons).
    public static func learning(_ text: String) throws(LedgerError) -> JSONValue {
        let parts = text.trimmingWhitespace.split(separator: ":", maxSplits: 3, omittingEmptySubsequences: false).map(String.init)
        guard parts.count == 4 else {
            throw LedgerError(.validation, "learning \"\(text.prefix(60))\" must be receivingOrg:level:kind:summary, e.g. nuth:service:technical:Bubble CPAP")
        }
        return ["receivingOrg": .string(parts[0]), "level": .string(parts[1]), "kind": .string(parts[2]),
                "summary": .string(String(parts[3].trimmingWhitespace))]
    }

    /// Learning items, one per line.
    public static func learningList(_ text: String) throws(LedgerError) -> JSONValue {
        var list: [JSONValue] = []
        for item in items(text, separators: ["\n"]) { list.append(try learning(item)) }
        return .array(list)
    }

    /// Non-empty lines, trimmed.
    public static func lines(_ text: String) -> JSONValue {
        .array(items(text, separators: ["\n"]).map(JSONValue.string))
    }

    /// `true`/`false`/`yes`/`no` (any case).
    public static func bool(_ text: String, field: String) throws(LedgerError) -> JSONValue {
        switch trimmed(text).lowercased() {
        case "true", "yes": return .bool(true)
        case "false", "no": return .bool(false)
        default: throw LedgerError(.validation, "\"\(field)\" must be true or false (or yes/no), not \"\(text.prefix(40))\"")
        }
    }

    /// A non-negative decimal integer (digits only).
    public static func integer(_ text: String, field: String) throws(LedgerError) -> JSONValue {
        let digits = trimmed(text)
        guard !digits.isEmpty, digits.count <= 9, digits.utf8.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }), let number = Int64(digits) else {
            throw LedgerError(.validation, "\"\(field)\" must be a whole number like 12, not \"\(text.prefix(40))\"")
        }
        return .integer(number)
    }

    /// A date cell: kept as text, validated by the body type.
    public static func text(_ text: String) -> JSONValue { .string(trimmed(text)) }

    static func items(_ text: String, separators: Set<Character>) -> [String] {
        if let bytes = asciiSeparators(separators), let fast = asciiItems(text, separators: bytes) { return fast }
        return unicodeItems(text, separators: separators)
    }

    /// ``items(_:separators:)`` by `Character`s, for any text.
    static func unicodeItems(_ text: String, separators: Set<Character>) -> [String] {
        text.replacingCRLF.split(whereSeparator: { separators.contains($0) }).map { String(String($0).trimmingWhitespace) }.filter { !$0.isEmpty }
    }
}

extension CellParsing {
    /// The separators as bytes, if each is one ASCII character.
    static func asciiSeparators(_ separators: Set<Character>) -> [UInt8]? {
        var bytes: [UInt8] = []
        for separator in separators {
            guard let ascii = separator.asciiValue, separator.utf8.count == 1 else { return nil }
            bytes.append(ascii)
        }
        return bytes
    }
}

extension String {
    var replacingCRLF: String { split(separator: "\r\n", omittingEmptySubsequences: false).joined(separator: "\n") }
}
