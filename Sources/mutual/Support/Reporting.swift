import ArgumentParser
import Foundation
import MutualLedger

/// Runs a command body, turning a `LedgerError` into one line on stderr and its documented exit code.
func reportingErrors(_ body: () throws(LedgerError) -> Void) throws {
    do {
        try body()
    } catch {
        Output.error(error.description)
        throw ExitCode(error.exitCode)
    }
}

/// Writing to stdout and stderr.
enum Output {
    static func error(_ message: String) {
        writeStandardError("mutual: \(message)\n")
    }

    static func info(_ message: String) {
        writeStandardError("\(message)\n")
    }

    /// write(2) on descriptor 2, ignoring failure: `FileHandle.write` traps when stderr cannot be
    /// written (a full disk, `ulimit -f`, a closed pipe), which would turn a clean error into a crash.
    private static func writeStandardError(_ text: String) {
        let bytes = Array(text.utf8)
        var offset = 0
        while offset < bytes.count {
            let written = bytes.withUnsafeBytes { write(2, $0.baseAddress.map { $0 + offset }, bytes.count - offset) }
            if written < 0 && errno == EINTR { continue }
            if written <= 0 { return }
            offset += written
        }
    }

    static func json(_ value: JSONValue) {
        print(value.canonicalString)
    }

    /// Reads a file, or standard input for "-".
    static func readInput(_ path: String, what: String) throws(LedgerError) -> [UInt8] {
        if path == "-" {
            let data = FileHandle.standardInput.readDataToEndOfFile()
            guard data.count <= 16 << 20 else {
                throw LedgerError(.validation, "\(what) on standard input is larger than 16 MiB; give a smaller one")
            }
            return [UInt8](data)
        }
        return try FileIO.readSmallFile(URL(fileURLWithPath: path), what: what)
    }
}
