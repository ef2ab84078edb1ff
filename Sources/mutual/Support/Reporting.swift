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
        FileHandle.standardError.write(Data("mutual: \(message)\n".utf8))
    }

    static func info(_ message: String) {
        FileHandle.standardError.write(Data("\(message)\n".utf8))
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
