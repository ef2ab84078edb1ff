import Foundation

/// One measured quantity with its unit.
struct Quantity: Codable {
    var value: Double
    var unit: String

    var text: String {
        let digits: String
        switch abs(value) {
        case 1_000...: digits = Self.grouped(Int(value.rounded()))
        case 100...: digits = String(format: "%.0f", value)
        case 10...: digits = String(format: "%.1f", value)
        default: digits = String(format: "%.2f", value)
        }
        return "\(digits) \(unit)"
    }

    static func grouped(_ number: Int) -> String {
        let digits = String(abs(number))
        var out = ""
        for (index, character) in digits.enumerated() {
            if index > 0 && (digits.count - index) % 3 == 0 { out.append(",") }
            out.append(character)
        }
        return number < 0 ? "-" + out : out
    }
}

/// A pass/fail threshold on a row's ratio (or on its value when it has no raw limit).
struct Target: Codable {
    enum Kind: String, Codable { case atLeast = "min", atMost = "max", below = "lt" }
    var kind: Kind
    var threshold: Double
    /// "ratio" or "value".
    var on: String

    func passes(_ x: Double) -> Bool {
        switch kind {
        case .atLeast: x >= threshold
        case .atMost: x <= threshold
        case .below: x < threshold
        }
    }

    var text: String {
        let symbol = kind == .atLeast ? ">=" : kind == .atMost ? "<=" : "<"
        let number = threshold == threshold.rounded() && threshold >= 10 ? String(format: "%.0f", threshold) : String(format: "%.2f", threshold)
        return on == "ratio" ? "\(symbol) \(number)x" : "\(symbol) \(number)"
    }
}

/// One line of the table.
struct BenchRow: Codable {
    var operation: String
    var measured: Quantity
    /// The raw limit or baseline the ratio divides by.
    var limit: Quantity?
    var limitName: String?
    var ratio: Double?
    var target: Target?
    var pass: Bool?
    var note: String?

    init(_ operation: String, _ measured: Quantity, limit: Quantity? = nil, limitName: String? = nil,
         target: Target? = nil, note: String? = nil) {
        self.operation = operation
        self.measured = measured
        self.limit = limit
        self.limitName = limitName
        if let limit, limit.value > 0 { ratio = measured.value / limit.value }
        self.target = target
        if let target {
            let subject = target.on == "ratio" ? ratio : measured.value
            pass = subject.map(target.passes)
        }
        self.note = note
    }
}

/// The results for one ledger size.
struct BenchTable: Codable {
    var events: Int
    var rows: [BenchRow]
}

/// Everything a run produced, as printed with `--json`.
struct BenchReport: Codable {
    struct Machine: Codable {
        var cores: Int
        var cpu: String
        var os: String
    }
    var machine: Machine
    var raw: RawRates
    var tables: [BenchTable]

    static func machine() -> Machine {
        let info = (try? String(contentsOfFile: "/proc/cpuinfo", encoding: .utf8)) ?? ""
        let model = info.split(separator: "\n").first { $0.hasPrefix("model name") }
            .flatMap { $0.split(separator: ":", maxSplits: 1).last }
            .map { $0.trimmingCharacters(in: .whitespaces) } ?? "unknown"
        return Machine(cores: ProcessInfo.processInfo.activeProcessorCount, cpu: model,
                       os: ProcessInfo.processInfo.operatingSystemVersionString)
    }

    func jsonText() throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        return String(decoding: try encoder.encode(self), as: UTF8.self)
    }

    /// One aligned table per ledger size.
    func tableText() -> String {
        var out = "machine: \(machine.cores) cores, \(machine.cpu)\n"
        for table in tables {
            out += "\nledger of \(Quantity.grouped(table.events)) events\n"
            let header = ["operation", "measured", "raw limit / baseline", "ratio", "target", "result"]
            let lines = table.rows.map { row -> [String] in
                [row.operation, row.measured.text,
                 row.limit.map { "\($0.text)\(row.limitName.map { " (\($0))" } ?? "")" } ?? "-",
                 row.ratio.map { String(format: "%.2fx", $0) } ?? "-",
                 row.target?.text ?? "-",
                 row.pass.map { $0 ? "pass" : "FAIL" } ?? "-"]
            }
            let widths = header.indices.map { column in ([header] + lines).map { $0[column].count }.max() ?? 0 }
            func format(_ cells: [String]) -> String {
                cells.enumerated().map { index, cell in
                    let pad = String(repeating: " ", count: widths[index] - cell.count)
                    return index == 1 || index == 3 ? pad + cell : cell + pad   // numbers right-aligned
                }.joined(separator: "  ").trimmingCharacters(in: .whitespaces)
            }
            out += format(header) + "\n"
            out += format(widths.map { String(repeating: "-", count: $0) }) + "\n"
            out += lines.map(format).joined(separator: "\n") + "\n"
            let notes = table.rows.compactMap { row in row.note.map { "  \(row.operation): \($0)" } }
            if !notes.isEmpty { out += "notes:\n" + notes.joined(separator: "\n") + "\n" }
        }
        return out
    }
}
