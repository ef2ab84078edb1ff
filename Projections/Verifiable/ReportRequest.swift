import MutualLedger

/// The options a report was computed with, as recorded in its JSON (`options`), so that
/// `mutual report verify` can compute it again exactly.
///
/// JSON form (every member always present, null when not given):
///
/// ```json
/// {"asOf":null,"at":12,"from":"2025-01-01","partnership":"p1","report":"compliance","to":null,"withProofs":true}
/// ```
///
/// ```swift
/// let request = ReportRequest(kind: .compliance, partnership: "p1", point: .at(seq: 12), withProofs: true)
/// let again = try ReportRequest(json: request.json)   // == request
/// ```
public struct ReportRequest: Sendable, Equatable {
    public var kind: ReportDocument.Kind
    /// The partnership shown (for `.partnership`, the one named).
    public var partnership: String?
    public var period: ReportPeriod
    public var point: ReportPoint
    /// Include an inclusion proof of every evidence seq cited by a compliance finding.
    public var withProofs: Bool

    public init(kind: ReportDocument.Kind, partnership: String? = nil, period: ReportPeriod = .allTime,
                point: ReportPoint = .latest, withProofs: Bool = false) {
        self.kind = kind
        self.partnership = partnership
        self.period = period
        self.point = point
        self.withProofs = withProofs
    }

    /// Whether evidence proofs make sense for this kind (only compliance findings cite evidence).
    public var kindTakesProofs: Bool { kind == .compliance || kind == .partnership }

    public var json: JSONValue {
        var at: JSONValue = .null, asOf: JSONValue = .null
        switch point {
        case .latest: break
        case .at(let seq): at = .integer(Int64(seq))
        case .asOf(let day): asOf = .string(day.text)
        }
        return .object([
            "report": .string(kind.rawValue),
            "partnership": partnership.map(JSONValue.string) ?? .null,
            "from": period.from.map { .string($0.text) } ?? .null,
            "to": period.to.map { .string($0.text) } ?? .null,
            "at": at,
            "asOf": asOf,
            "withProofs": .bool(withProofs),
        ])
    }

    /// Reads the `options` member of a report. Malformed input throws `.validation` (exit 65).
    public init(json value: JSONValue?) throws(LedgerError) {
        guard let members = value?.objectValue else { throw Self.bad("has no \"options\" object") }
        let known: Set<String> = ["report", "partnership", "from", "to", "at", "asOf", "withProofs"]
        if let unknown = members.keys.sorted().first(where: { !known.contains($0) }) {
            throw Self.bad("options has an unknown member \"\(unknown)\"")
        }
        guard let kindText = members["report"]?.stringValue, let kind = ReportDocument.Kind(rawValue: kindText) else {
            throw Self.bad("options.report is missing or not a report kind")
        }
        let partnership = try Self.optionalString(members["partnership"], "partnership")
        let from = try Self.optionalDate(members["from"], "from")
        let to = try Self.optionalDate(members["to"], "to")
        let asOf = try Self.optionalDate(members["asOf"], "asOf")
        var point = ReportPoint.latest
        if let atValue = members["at"], !atValue.isNull {
            guard let seq = atValue.integerValue, seq >= 0, asOf == nil else {
                throw Self.bad("options.at is not a seq of 0 or more, or is given together with asOf")
            }
            point = .at(seq: Int(seq))
        } else if let asOf {
            point = .asOf(asOf)
        }
        guard let withProofs = members["withProofs"]?.boolValue else { throw Self.bad("options.withProofs is missing or not true/false") }
        self.init(kind: kind, partnership: partnership, period: ReportPeriod(from: from, to: to), point: point, withProofs: withProofs)
    }

    private static func optionalString(_ value: JSONValue?, _ name: String) throws(LedgerError) -> String? {
        guard let value, !value.isNull else { return nil }
        guard let text = value.stringValue else { throw bad("options.\(name) is not a string or null") }
        return text
    }

    private static func optionalDate(_ value: JSONValue?, _ name: String) throws(LedgerError) -> CalendarDate? {
        guard let text = try optionalString(value, name) else { return nil }
        guard let date = CalendarDate(parsing: text) else { throw bad("options.\(name) is not a YYYY-MM-DD date") }
        return date
    }

    static func bad(_ problem: String) -> LedgerError {
        LedgerError(.validation, "the report \(problem); give the JSON file `mutual report ... --format json` wrote, unchanged")
    }
}

extension ReportDocument {
    /// The options this document was computed with (`withProofs` when it carries evidence proofs).
    public var request: ReportRequest {
        ReportRequest(kind: kind, partnership: partnershipFilter, period: period, point: point, withProofs: evidenceProofs != nil)
    }

    /// Every seq cited as evidence by a compliance finding, sorted, each once.
    public var citedEvidence: [Int] {
        Set(compliance?.partnerships.flatMap { $0.rules.flatMap(\.evidence) } ?? []).sorted()
    }
}
