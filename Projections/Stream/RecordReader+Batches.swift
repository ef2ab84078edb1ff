import Foundation
import MutualLedger

extension RecordReader {
    /// Where a read stands in the log: the start of the last line added and the offset after it.
    ///
    /// ```swift
    /// var cursor = ReadCursor(lastLineStart: -1, offsetAfter: 0)
    /// cursor.lines   // lines added in this pass
    /// ```
    struct ReadCursor {
        var lastLineStart: Int64
        var offsetAfter: Int64
        var lines = 0

        /// Records one added line; calls `progress` every 16,384 lines.
        mutating func added(start: Int64, after: Int64, end: Int64, progress: (Int, Int64, Int64) -> Void) {
            lastLineStart = start
            offsetAfter = after
            lines += 1
            if lines & 0x3fff == 0 { progress(lines, offsetAfter, end) }
        }
    }

    /// Two decoding threads when the machine has more than one core, else one.
    public static var defaultDecodeThreads: Int { ProcessInfo.processInfo.activeProcessorCount > 1 ? 2 : 1 }

    /// Decodes and folds each line on this thread, in log order.
    func readInOrder(_ log: LogFile, from start: Int64, upTo end: Int64, decoder: LineDecoder, into stream: inout RecordStream,
                     cursor: inout ReadCursor, progress: (Int, Int64, Int64) -> Void) throws(LedgerError) {
        try log.forEachLine(from: start, upTo: end) { (offset, raw) throws(LedgerError) -> Bool in
            let line: DecodedLine
            do throws(LedgerError) {
                line = try decoder.decode(raw)
            } catch {
                throw error.at(stream.count)
            }
            let more = try stream.add(line, hash: LedgerLine.hash(of: raw))
            cursor.added(start: offset, after: offset + Int64(raw.count) + 1, end: end, progress: progress)
            return more
        }
    }

    /// The same result as ``readInOrder``, with lines decoded and hashed on worker threads: this
    /// thread frames the log into batches of about ``batchBytes``, hands each to a worker, and
    /// folds the decoded batches in log order (chain check, amendments, `--at`), throwing the
    /// first failure in log order exactly as the in-order read does. A framing failure (a line
    /// too long) is thrown only once every line before it was folded, and not at all if the
    /// fold stopped or failed first.
    func readInBatches(_ log: LogFile, from start: Int64, upTo end: Int64, decoder: LineDecoder, into stream: inout RecordStream,
                       cursor: inout ReadCursor, progress: (Int, Int64, Int64) -> Void) throws(LedgerError) {
        // Lines needed for `--at`: framing stops there, as the in-order read does.
        var limit = Int.max
        if case .at(let seq) = stream.point { limit = seq + 1 - stream.count }
        let inFlightMax = max(2, 2 * decodeThreads)
        var pending: [LineBatch] = []   // submitted, not yet folded, oldest first
        var current: LineBatch?
        var framed = 0
        var stopped = false
        var foldFailure: LedgerError?
        var framingFailure: LedgerError?

        // Folds the oldest batch in flight; false once the stream needs no more lines.
        func foldOldest() throws(LedgerError) -> Bool {
            let batch = pending.removeFirst()
            batch.wait()
            defer { batch.discardOnWorker() }
            for index in 0..<batch.lines.count {
                let more = try stream.add(batch.lines[index], hash: batch.hashes[index])
                let (lineStart, after) = batch.offsets(of: index)
                cursor.added(start: lineStart, after: after, end: end, progress: progress)
                if !more { return false }
            }
            if let failure = batch.failure { throw failure.at(stream.count) }
            return true
        }
        // Folds batches until at most `left` are in flight; false when the fold stopped or failed.
        func fold(leaving left: Int) -> Bool {
            while pending.count > left {
                do throws(LedgerError) {
                    if try !foldOldest() {
                        stopped = true
                        return false
                    }
                } catch {
                    foldFailure = error
                    return false
                }
            }
            return true
        }

        do throws(LedgerError) {
            try log.forEachLine(from: start, upTo: end) { (offset, raw) -> Bool in
                let batch = current ?? LineBatch(fileStart: offset, capacity: batchBytes + 4096)
                batch.append(raw)
                framed += 1
                current = batch
                if batch.bytes.count >= batchBytes || framed >= limit {
                    batch.start(decoder)
                    pending.append(batch)
                    current = nil
                    if !fold(leaving: inFlightMax - 1) { return false }
                }
                return framed < limit
            }
        } catch {
            framingFailure = error
        }
        if foldFailure == nil && !stopped {
            if let current {
                current.start(decoder)
                pending.append(current)
            }
            _ = fold(leaving: 0)
        }
        // No worker outlives the read.
        for batch in pending { batch.wait() }
        if let foldFailure { throw foldFailure }
        if !stopped, let framingFailure { throw framingFailure }
    }
}
