#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation

/// The results for one ledger size.
struct BenchTable: Codable {
    var events: Int
    /// The raw rates measured right after generating this ledger (the rows' default limits).
    var raw: RawRates
    var rows: [BenchRow]
}

/// Everything a run produced, as printed with `--json` (shape in docs/PERFORMANCE.md).
///
/// ```swift
/// let report = BenchReport(machine: .current(), tables: tables, arguments: ["--events", "10000"])
/// print(report.tableText())        // or try report.jsonText()
/// ```
struct BenchReport: Codable {
    /// Facts about the machine the numbers came from.
    struct Machine: Codable {
        var cores: Int
        var cpu: String
        var os: String
        /// Physical memory, bytes.
        var memoryBytes: UInt64
        /// The 1-minute load average when the run started and when it ended (other processes on the cores).
        var loadAverageStart: Double
        var loadAverageEnd: Double

        static func current() -> Machine {
            let info = (try? String(contentsOfFile: "/proc/cpuinfo", encoding: .utf8)) ?? ""
            let model = info.split(separator: "\n").first { $0.hasPrefix("model name") }
                .flatMap { $0.split(separator: ":", maxSplits: 1).last }
                .map { $0.trimmingCharacters(in: .whitespaces) } ?? "unknown"
            let load = Machine.loadAverage()
            return Machine(cores: ProcessInfo.processInfo.activeProcessorCount, cpu: model,
                           os: ProcessInfo.processInfo.operatingSystemVersionString,
                           memoryBytes: ProcessInfo.processInfo.physicalMemory, loadAverageStart: load, loadAverageEnd: load)
        }

        static func loadAverage() -> Double {
            var loads = [Double](repeating: 0, count: 3)
            return getloadavg(&loads, 3) > 0 ? loads[0] : -1
        }
    }
    var machine: Machine
    var tables: [BenchTable]
    /// The flags `mutual-bench` ran with.
    var arguments: [String]
    /// When the run finished (UTC, ISO 8601).
    var finished: String = ISO8601DateFormatter().string(from: Date())

    func jsonText() throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        return String(decoding: try encoder.encode(self), as: UTF8.self)
    }

    /// One aligned table per ledger size.
    func tableText() -> String {
        var out = "machine: \(machine.cores) cores, \(machine.cpu), \(String(format: "%.1f", Double(machine.memoryBytes) / 1e9)) GB; "
        out += String(format: "load average %.1f at the start, %.1f at the end\n", machine.loadAverageStart, machine.loadAverageEnd)
        for table in tables {
            out += "\nledger of \(Quantity.grouped(table.events)) events\n"
            let header = ["operation", "measured", "raw limit / baseline", "ratio", "target", "result"]
            let lines = table.rows.map { row -> [String] in
                [row.name, row.measured?.text ?? row.unmeasuredText,
                 row.limit.map { "\(Quantity(value: $0.value, unit: $0.unit).text)\($0.name.map { " (\($0))" } ?? "")" } ?? "-",
                 row.ratio.map { String(format: "%.2fx", $0) } ?? "-",
                 row.target?.text ?? "-",
                 row.result ?? "-"]
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
            let notes = table.rows.compactMap { row in row.note.map { "  \(row.name): \($0)" } }
            if !notes.isEmpty { out += "notes:\n" + notes.joined(separator: "\n") + "\n" }
        }
        return out
    }
}
