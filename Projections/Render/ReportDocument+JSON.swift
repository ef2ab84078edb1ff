import MutualLedger

/// The JSON form of a report (schema in docs/REPORTS.md), written as RFC 8785 canonical JSON.
/// Fractions (balances, scores) are decimal strings with three places, since ledger JSON has no floats.
extension ReportDocument {
    public static let jsonSchemaVersion: Int64 = 1

    public var json: JSONValue {
        var root: [String: JSONValue] = [
            "schema": .integer(Self.jsonSchemaVersion),
            "report": .string(kind.rawValue),
            "position": .object([
                "count": .integer(Int64(position.count)),
                "lastHash": .string(position.lastHash),
                "checkpoint": position.checkpoint.map(JSONValue.string) ?? .null,
            ]),
            "point": pointJSON,
            "reportDate": reportDate.map { .string($0.text) } ?? .null,
            "period": .object(["from": period.from.map { .string($0.text) } ?? .null,
                               "to": period.to.map { .string($0.text) } ?? .null]),
            "partnerships": .array(partnershipIDs.map { .object(partnershipJSON($0)) }),
        ]
        if let reciprocity {
            root["totals"] = .object(["measures": Self.measuresJSON(reciprocity.totals),
                                      "reciprocityScore": Self.decimal(reciprocity.totalScore)])
        }
        return .object(root)
    }

    var pointJSON: JSONValue {
        switch point {
        case .latest: return .object(["kind": "latest"])
        case .at(let seq): return .object(["kind": "at", "seq": .integer(Int64(seq))])
        case .asOf(let day): return .object(["kind": "as-of", "date": .string(day.text)])
        }
    }

    static func decimal(_ value: Int?) -> JSONValue { value.map { .string(Decimal3.text($0)) } ?? .null }

    static func seqs(_ values: [Int]) -> JSONValue { .array(values.map { .integer(Int64($0)) }) }

    static func measuresJSON(_ measures: [String: Reciprocity.Measure]) -> JSONValue {
        var object: [String: JSONValue] = [:]
        for name in Reciprocity.measureNames {
            let m = measures[name] ?? Reciprocity.Measure()
            object[name] = .object(["aToB": .integer(Int64(m.aToB)), "bToA": .integer(Int64(m.bToA)),
                                    "balance": decimal(m.balance), "evidence": seqs(m.evidence)])
        }
        return .object(object)
    }

    func partnershipJSON(_ id: String) -> [String: JSONValue] {
        var object: [String: JSONValue] = ["id": .string(id)]
        if let row = reciprocity?.partnerships.first(where: { $0.id == id }) {
            object["a"] = .string(row.a)
            object["b"] = .string(row.b)
            object["measures"] = Self.measuresJSON(row.measures)
            object["reciprocityScore"] = Self.decimal(row.score)
        }
        if let row = compliance?.partnerships.first(where: { $0.id == id }) {
            object["thresholds"] = .object(row.thresholds.values.mapValues { .integer(Int64($0)) })
            object["rules"] = .array(row.rules.map { rule in
                .object(["id": .string(rule.id), "name": .string(rule.name), "status": .string(rule.status.rawValue),
                         "reason": .string(rule.reason), "evidence": Self.seqs(rule.evidence)])
            })
        }
        if let list = innovations?[id] {
            object["innovations"] = .array(list.map { item in
                .object(["id": .string(item.id), "title": .string(item.title), "origin": .string(item.origin),
                         "recipient": .string(item.recipient), "shared": .string(item.shared.text),
                         "seq": .integer(Int64(item.seq)),
                         "statuses": .array(item.statuses.map { change in
                             .object(["status": .string(change.status), "date": .string(change.date.text),
                                      "seq": .integer(Int64(change.seq))])
                         })])
            })
        }
        return object
    }
}
