import MutualLedger

/// The JSON form of a report (schema in docs/REPORTS.md), written as RFC 8785 canonical JSON
/// except for fractions (balances, scores): JSON numbers with exactly three decimals (``ReportJSON``).
///
/// ```swift
/// let bytes = doc.json.canonicalBytes   // {"options":...,"partnerships":[{"a":"hic",...,"reciprocityScore":0.407}],...}
/// ```
extension ReportDocument {
    /// 2: `options`, `position.lastLineProof` and `evidenceProofs` (verifiable reports).
    /// 3: `balance` and `reciprocityScore` are JSON numbers (were decimal strings).
    public static let jsonSchemaVersion: Int64 = 3

    public var json: ReportJSON {
        var root: [String: ReportJSON] = [
            "schema": .value(.integer(Self.jsonSchemaVersion)),
            "report": .string(kind.rawValue),
            "position": .value(.object([
                "count": .integer(Int64(position.count)),
                "lastHash": .string(position.lastHash),
                "checkpoint": position.checkpoint.map(JSONValue.string) ?? .null,
                "lastLineProof": position.lastLineProof?.json ?? .null,
            ])),
            "options": .value(request.json),
            "point": .value(pointJSON),
            "reportDate": reportDate.map { .string($0.text) } ?? .null,
            "period": .value(.object(["from": period.from.map { .string($0.text) } ?? .null,
                                      "to": period.to.map { .string($0.text) } ?? .null])),
            "partnerships": .array(partnershipIDs.map { .object(partnershipJSON($0)) }),
        ]
        if let evidenceProofs {
            var proofs: [String: JSONValue] = [:]
            for (seq, proof) in evidenceProofs { proofs[String(seq)] = proof.json }
            root["evidenceProofs"] = .value(.object(proofs))
        }
        if let reciprocity {
            root["totals"] = .object(["measures": Self.measuresJSON(reciprocity.totals),
                                      "reciprocityScore": .decimal3(reciprocity.totalScore)])
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

    static func seqs(_ values: [Int]) -> JSONValue { .array(values.map { .integer(Int64($0)) }) }

    static func measuresJSON(_ measures: [String: Reciprocity.Measure]) -> ReportJSON {
        var object: [String: ReportJSON] = [:]
        for name in Reciprocity.measureNames {
            let m = measures[name] ?? Reciprocity.Measure()
            object[name] = .object(["aToB": .integer(m.aToB), "bToA": .integer(m.bToA),
                                    "balance": .decimal3(m.balance), "evidence": .value(seqs(m.evidence))])
        }
        return .object(object)
    }

    func partnershipJSON(_ id: String) -> [String: ReportJSON] {
        var object: [String: ReportJSON] = ["id": .string(id)]
        if let row = reciprocity?.partnerships.first(where: { $0.id == id }) {
            object["a"] = .string(row.a)
            object["b"] = .string(row.b)
            object["measures"] = Self.measuresJSON(row.measures)
            object["reciprocityScore"] = .decimal3(row.score)
        }
        if let row = compliance?.partnerships.first(where: { $0.id == id }) {
            object["thresholds"] = .value(.object(row.thresholds.values.mapValues { .integer(Int64($0)) }))
            object["rules"] = .value(.array(row.rules.map { rule in
                .object(["id": .string(rule.id), "name": .string(rule.name), "status": .string(rule.status.rawValue),
                         "reason": .string(rule.reason), "evidence": Self.seqs(rule.evidence)])
            }))
        }
        if let list = innovations?[id] {
            object["innovations"] = .value(.array(list.map { item in
                .object(["id": .string(item.id), "title": .string(item.title), "origin": .string(item.origin),
                         "recipient": .string(item.recipient), "shared": .string(item.shared.text),
                         "seq": .integer(Int64(item.seq)),
                         "statuses": .array(item.statuses.map { change in
                             .object(["status": .string(change.status), "date": .string(change.date.text),
                                      "seq": .integer(Int64(change.seq))])
                         })])
            }))
        }
        return object
    }
}
