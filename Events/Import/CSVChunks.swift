import CSV
import MutualLedger

/// Reads a large CSV text on all cores: the text is cut into pieces of about `size` bytes at
/// row boundaries, found by following the CSV reader's own grammar byte by byte (a quoted field
/// runs to a quote followed by a comma, a line break or the end; `""` is a quote inside it; a
/// line break is LF, CR or CR LF), and each piece is read by its own `CSVReader`. Every row is
/// read exactly as one reader of the whole text reads it: a piece starts where that reader
/// starts a row, in the same state.
///
/// ```swift
/// let read = CSVChunks.read("a,b\n1,2\n3,4\n", size: 4)
/// read.header    // ["a", "b"]
/// read.records   // [["1", "2"], ["3", "4"]]
/// ```
enum CSVChunks {
    /// Why the header row could not be read (the reader's error, described).
    struct Failure: Error, Sendable {
        var description: String
    }

    /// What the readers read: the header row, or why it could not be read; the records after it
    /// in order (blank lines included, as the reader returns them), up to the first reader error.
    struct Read {
        var header: Result<[String]?, Failure>
        var records: [[String]]
        var error: String?
    }

    /// Reads `text` (a BOM already removed) in pieces of about `size` bytes, on all cores.
    static func read(_ text: String, size: Int) -> Read {
        var text = text
        let bytes = text.withUTF8 { Array($0) }
        let cuts = bytes.withUnsafeBufferPointer { rowStarts($0, every: max(1, size)) }
        let pieces = ParallelMap.map(cuts.count - 1) { (index: Int) -> (header: Result<[String]?, Failure>, records: [[String]], error: String?) in
            let piece = String(decoding: bytes[cuts[index]..<cuts[index + 1]], as: UTF8.self)
            let reader: CSVReader
            do {
                reader = try CSVReader(string: piece, hasHeaderRow: index == 0)
            } catch {
                return (.failure(Failure(description: "\(error)")), [], nil)
            }
            var records: [[String]] = []
            while let cells = reader.next() { records.append(cells) }
            return (.success(reader.headerRow), records, reader.error.map { "\($0)" })
        }
        var read = Read(header: pieces[0].header, records: [], error: nil)
        guard case .success = read.header else { return read }
        read.records.reserveCapacity(pieces.reduce(0) { $0 + $1.records.count })
        for piece in pieces {
            read.records.append(contentsOf: piece.records)
            if let error = piece.error {
                read.error = error
                break
            }
        }
        return read
    }

    /// Offsets of row starts about every `size` bytes, with 0 first and `bytes.count` last.
    static func rowStarts(_ bytes: UnsafeBufferPointer<UInt8>, every size: Int) -> [Int] {
        let quote: UInt8 = 0x22, comma: UInt8 = 0x2c, cr: UInt8 = 0x0d, lf: UInt8 = 0x0a
        let count = bytes.count
        var cuts = [0]
        var next = size
        var i = 0
        /// Where the byte just read leaves the reader (outside quotes): a CR, LF or CRLF ends the
        /// row, a comma the field; anything else stays in the field.
        enum Step { case row, field, stay }
        func step(_ c: UInt8) -> Step {
            switch c {
            case cr:
                if i < count, bytes[i] == lf { i += 1 }
                return .row
            case lf: return .row
            case comma: return .field
            default: return .stay
            }
        }
        rows: while i < count {
            if i >= next {
                cuts.append(i)
                next = i + size
            }
            fields: while true {
                guard i < count else { break rows }
                let quoted = bytes[i] == quote
                if quoted { i += 1 }
                while true {
                    guard i < count else { break rows }
                    var c = bytes[i]
                    i += 1
                    if quoted {
                        // Inside quotes only a quote matters; what follows it decides
                        // (`""`, or a stray quote: the reader stays in the quoted field).
                        guard c == quote else { continue }
                        guard i < count else { break rows }
                        c = bytes[i]
                        i += 1
                    }
                    switch step(c) {
                    case .row: continue rows
                    case .field: continue fields
                    case .stay: continue
                    }
                }
            }
        }
        cuts.append(count)
        return cuts
    }
}
