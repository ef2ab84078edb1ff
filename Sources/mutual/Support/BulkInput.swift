import Foundation
import MutualLedger

/// Reading the large inputs of bulk commands (`import`, `submit --batch`): a file, or standard
/// input for "-", refused past `limit` bytes with a message naming the limit.
///
/// ```swift
/// let bytes = try BulkInput.load("visits.csv", limit: 64 << 20, what: "CSV file")
/// ```
enum BulkInput {
    static func load(_ path: String, limit: Int, what: String) throws(LedgerError) -> [UInt8] {
        guard path == "-" else {
            return try FileIO.readSmallFile(URL(fileURLWithPath: path), limit: limit, what: what)
        }
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let count = chunk.withUnsafeMutableBytes { read(0, $0.baseAddress, $0.count) }
            if count < 0 && errno == EINTR { continue }
            guard count >= 0 else {
                throw LedgerError(.io, "cannot read \(what) from standard input: \(String(cString: strerror(errno))); check the pipe")
            }
            if count == 0 { return bytes }
            bytes.append(contentsOf: chunk[..<count])
            guard bytes.count <= limit else {
                throw LedgerError(.validation, "\(what) on standard input is larger than \(limit >> 20) MiB; split it into smaller files")
            }
        }
    }
}
