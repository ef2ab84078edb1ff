import Foundation

/// One measured quantity with its unit.
///
/// ```swift
/// Quantity(value: 12_345.6, unit: "ev/s").text   // "12,346 ev/s"
/// ```
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
///
/// ```swift
/// Target(kind: .atLeast, threshold: 0.85, on: "ratio").text   // ">= 0.85x"
/// ```
struct Target: Codable {
    enum Kind: String, Codable { case atLeast = "min", atMost = "max", below = "lt" }
    var kind: Kind
    var threshold: Double
    /// "ratio" or "value".
    var on: String
    /// The unit of a value target (set from its row), printed after the threshold.
    var unit: String?

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
        return on == "ratio" ? "\(symbol) \(number)x" : "\(symbol) \(number)\(unit.map { " \($0)" } ?? "")"
    }

    private enum CodingKeys: String, CodingKey { case kind, threshold, on, unit, text }

    init(kind: Kind, threshold: Double, on: String) {
        self.kind = kind
        self.threshold = threshold
        self.on = on
    }

    init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        kind = try container.decode(Kind.self, forKey: .kind)
        threshold = try container.decode(Double.self, forKey: .threshold)
        on = try container.decode(String.self, forKey: .on)
        unit = try container.decodeIfPresent(String.self, forKey: .unit)
    }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(kind, forKey: .kind)
        try container.encode(threshold, forKey: .threshold)
        try container.encode(on, forKey: .on)
        try container.encodeIfPresent(unit, forKey: .unit)
        try container.encode(text, forKey: .text)
    }
}

/// One line of the table: a measurement, the raw limit or baseline it is divided by, and its target.
/// A row whose operation this `mutual` binary does not support has no value and the result "n/a".
///
/// ```swift
/// let row = BenchRow("verify, 1 thread", Quantity(value: 8_000, unit: "ev/s"),
///                    limit: Quantity(value: 10_000, unit: "/s"), limitName: "raw verify",
///                    target: Target(kind: .atLeast, threshold: 0.8, on: "ratio"))
/// row.ratio    // 0.8
/// row.result   // "pass"
/// ```
struct BenchRow: Codable {
    /// The limit a ratio divides by, with what it is.
    struct Limit: Codable {
        var value: Double
        var unit: String
        var name: String?
    }

    var name: String
    /// Nil when the operation could not be measured (see `result` and `note`).
    var value: Double?
    var unit: String
    var limit: Limit?
    var ratio: Double?
    var target: Target?
    /// "pass", "FAIL", "n/a" (not supported by this binary), or nil when the row has no target.
    var result: String?
    var note: String?
    /// Nanoseconds per operation, for the micro-benchmark rows.
    var nsPerOp: Double?

    var measured: Quantity? { value.map { Quantity(value: $0, unit: unit) } }

    init(_ name: String, _ measured: Quantity, limit: Quantity? = nil, limitName: String? = nil,
         target: Target? = nil, note: String? = nil) {
        self.name = name
        value = measured.value
        unit = measured.unit
        self.limit = limit.map { Limit(value: $0.value, unit: $0.unit, name: limitName) }
        if let limit, limit.value > 0 { ratio = measured.value / limit.value }
        self.target = target.map { target in
            var target = target
            if target.on == "value" { target.unit = measured.unit }
            return target
        }
        if let target {
            let subject = target.on == "ratio" ? ratio : measured.value
            result = subject.map { target.passes($0) ? "pass" : "FAIL" }
        }
        self.note = note
    }

    /// A row for an operation this `mutual` does not support (it exited 64 on the flag).
    static func unsupported(_ name: String, unit: String, target: Target?, note: String) -> BenchRow {
        notMeasured(name, unit: unit, target: target, result: "n/a", note: note)
    }

    /// A row for an operation that failed (the note says how); its result is "FAIL".
    static func failed(_ name: String, unit: String, target: Target?, note: String) -> BenchRow {
        notMeasured(name, unit: unit, target: target, result: "FAIL", note: note)
    }

    /// What the measured column shows for a row without a value.
    var unmeasuredText: String { result == "n/a" ? "n/a (not supported by this binary)" : "failed (see note)" }

    private static func notMeasured(_ name: String, unit: String, target: Target?, result: String, note: String) -> BenchRow {
        var row = BenchRow(name, Quantity(value: 0, unit: unit), target: nil, note: note)
        row.value = nil
        row.target = target.map { target in
            var target = target
            if target.on == "value" { target.unit = unit }
            return target
        }
        row.result = result
        return row
    }
}
