/// What the end of the log looks like.
///
/// ```swift
/// switch try log.tail() {
/// case .empty: ...
/// case .complete(let last): print(last.line.seq)
/// case .torn(let validEnd, let size): print("torn bytes:", size - validEnd)
/// }
/// ```
public enum LogTail: Sendable {
    /// The log has no bytes.
    case empty
    /// The log ends with a complete, well-formed line.
    case complete(LastLine)
    /// The log ends with bytes that are not a complete line; everything before `validEnd` is intact.
    case torn(validEnd: Int64, size: Int64)

    /// The last complete line of the log.
    public struct LastLine: Sendable {
        public var line: LedgerLine
        public var hash: String
        /// Offset of the line's first byte.
        public var offset: Int64
        /// Offset just past its newline (the file size).
        public var end: Int64
    }
}

extension LogFile {
    /// Reads only the end of the file to find the last line: the cost does not grow with the log.
    public func tail() throws(LedgerError) -> LogTail {
        let size = try self.size()
        guard size > 0 else { return .empty }
        let last = try read(at: size - 1, count: 1)
        guard last == [0x0a] else {
            return .torn(validEnd: try lineStart(before: size), size: size)
        }
        let start = try lineStart(before: size - 1)
        let bytes = try read(at: start, count: Int(size - 1 - start))
        guard let line = try? LedgerLine(bytes: bytes) else {
            return .torn(validEnd: start, size: size)
        }
        return .complete(.init(line: line, hash: LedgerLine.hash(of: bytes), offset: start, end: size))
    }

    /// For files of lines that are not ledger lines: where an incomplete last line starts,
    /// or nil when the file is empty or ends with a newline.
    public func incompleteLineStart() throws(LedgerError) -> Int64? {
        let size = try self.size()
        guard size > 0, try read(at: size - 1, count: 1) != [0x0a] else { return nil }
        return try lineStart(before: size)
    }

    /// The offset just after the last newline strictly before `position` (0 if none).
    func lineStart(before position: Int64) throws(LedgerError) -> Int64 {
        var upper = position
        let step = 64 * 1024
        while upper > 0 {
            let lower = max(0, upper - Int64(step))
            let chunk = try read(at: lower, count: Int(upper - lower))
            if let index = chunk.lastIndex(of: 0x0a) {
                return lower + Int64(index) + 1
            }
            if position - lower > Int64(LogFile.maxLineLength) * 2 { return lower }
            upper = lower
        }
        return 0
    }
}
