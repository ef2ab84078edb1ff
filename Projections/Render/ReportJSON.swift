import MutualLedger

/// The JSON of a report: ledger JSON plus one thing ledger JSON forbids, fixed-point numbers.
///
/// A `decimal3` is an integer count of thousandths written as a JSON number with exactly three
/// decimals (`-0.333`, `1.000`, `0.000`: the same text as ``Decimal3/text(_:)``), so no floating
/// point is ever involved and the same value always gives the same bytes. Everything else is
/// written as RFC 8785 canonical JSON (members sorted by UTF-16 code units, no whitespace);
/// `.value` embeds any ledger ``JSONValue`` (options, proofs) unchanged.
///
/// ```swift
/// let json: ReportJSON = .object(["balance": .decimal3(-333), "aToB": .value(.integer(2))])
/// String(decoding: json.canonicalBytes, as: UTF8.self)   // {"aToB":2,"balance":-0.333}
/// let value = try ReportJSON.parse(bytes)   // for reading a report back: decimals come back as strings
/// ```
public indirect enum ReportJSON: Sendable, Equatable {
    /// Ledger JSON (no decimals inside).
    case value(JSONValue)
    /// A fixed-point number in thousandths.
    case decimal3(Int)
    case array([ReportJSON])
    case object([String: ReportJSON])

    public static let null = ReportJSON.value(.null)

    public static func string(_ text: String) -> ReportJSON { .value(.string(text)) }

    public static func integer(_ number: Int) -> ReportJSON { .value(.integer(Int64(number))) }

    /// A decimal, or null when there is none.
    public static func decimal3(_ thousandths: Int?) -> ReportJSON { thousandths.map { .decimal3($0) } ?? .null }

    /// The canonical bytes (no trailing newline).
    public var canonicalBytes: [UInt8] {
        var output: [UInt8] = []
        write(into: &output)
        return output
    }

    func write(into output: inout [UInt8]) {
        switch self {
        case .value(let value):
            value.writeCanonical(into: &output)
        case .decimal3(let thousandths):
            output.append(contentsOf: Decimal3.text(thousandths).utf8)
        case .array(let elements):
            output.append(UInt8(ascii: "["))
            for (index, element) in elements.enumerated() {
                if index > 0 { output.append(UInt8(ascii: ",")) }
                element.write(into: &output)
            }
            output.append(UInt8(ascii: "]"))
        case .object(let members):
            output.append(UInt8(ascii: "{"))
            let names = members.keys.sorted { $0.utf16.lexicographicallyPrecedes($1.utf16) }
            for (index, name) in names.enumerated() {
                if index > 0 { output.append(UInt8(ascii: ",")) }
                JSONValue.string(name).writeCanonical(into: &output)
                output.append(UInt8(ascii: ":"))
                members[name]?.write(into: &output)
            }
            output.append(UInt8(ascii: "}"))
        }
    }

    /// Reads report JSON with the ledger's strict parser: every number with a fraction or an
    /// exponent (outside strings) is read as a string of its text, e.g. `-0.333` as `"-0.333"`.
    /// Error offsets count the bytes after that rewrite.
    public static func parse(_ bytes: some Collection<UInt8>) throws(LedgerError) -> JSONValue {
        try JSONValue(parsing: quotingDecimals(bytes))
    }

    /// The bytes with each number token that holds `.`, `e` or `E` wrapped in quotes.
    static func quotingDecimals(_ bytes: some Collection<UInt8>) -> [UInt8] {
        let quote = UInt8(ascii: "\""), backslash = UInt8(ascii: "\\")
        func isDigit(_ byte: UInt8) -> Bool { byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") }
        func continuesNumber(_ byte: UInt8) -> Bool {
            isDigit(byte) || [UInt8(ascii: "."), UInt8(ascii: "e"), UInt8(ascii: "E"), UInt8(ascii: "+"), UInt8(ascii: "-")].contains(byte)
        }
        var output: [UInt8] = []
        output.reserveCapacity(bytes.count + 64)
        var number: [UInt8] = []
        var inString = false, escaped = false
        func flushNumber() {
            guard !number.isEmpty else { return }
            let fractional = number.contains { $0 == UInt8(ascii: ".") || $0 == UInt8(ascii: "e") || $0 == UInt8(ascii: "E") }
            if fractional { output.append(quote) }
            output.append(contentsOf: number)
            if fractional { output.append(quote) }
            number.removeAll()
        }
        for byte in bytes {
            if inString {
                output.append(byte)
                if escaped { escaped = false } else if byte == backslash { escaped = true } else if byte == quote { inString = false }
                continue
            }
            if !number.isEmpty, continuesNumber(byte) {
                number.append(byte)
                continue
            }
            flushNumber()
            if isDigit(byte) || byte == UInt8(ascii: "-") {
                number.append(byte)
            } else {
                if byte == quote { inString = true }
                output.append(byte)
            }
        }
        flushNumber()
        return output
    }
}
