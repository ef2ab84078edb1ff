import Dispatch
import MutualLedger

/// A run of consecutive log lines copied out of the log, decoded and hashed on a worker thread
/// while the reading thread frames the next run and folds the previous one in order.
///
/// The reading thread appends lines and calls ``start(_:)`` once; a worker fills ``lines``
/// and signals; the reading thread calls ``wait()`` before it reads them. The semaphore orders
/// the two threads' accesses, hence `@unchecked Sendable`.
///
/// ```swift
/// let batch = LineBatch(fileStart: 0)
/// batch.append(raw)                 // every line of the run, in log order
/// batch.start(LineDecoder())
/// batch.wait()
/// batch.lines[0]; batch.hashes[0]   // decoded up to the first failure
/// batch.failure                     // the decoder's error for line `lines.count`, if any
/// ```
final class LineBatch: @unchecked Sendable {
    /// File offset of the first line.
    let fileStart: Int64
    /// The lines, each followed by its `\n`, exactly as they stand in the log from `fileStart`.
    private(set) var bytes: [UInt8] = []
    /// Offset in `bytes` of each line's first byte.
    private(set) var starts: [Int] = []
    /// The decoded lines, up to the first that failed, once ``wait()`` returned.
    private(set) var lines: [DecodedLine] = []
    /// The hash of each line of `lines` (lowercase hex).
    private(set) var hashes: [String] = []
    /// The decoder's error for the line after the last of `lines`, if one failed.
    private(set) var failure: LedgerError?
    private let done = DispatchSemaphore(value: 0)

    init(fileStart: Int64, capacity: Int = 0) {
        self.fileStart = fileStart
        bytes.reserveCapacity(capacity)
    }

    var count: Int { starts.count }

    /// Appends the next line (without its `\n`).
    func append(_ raw: UnsafeRawBufferPointer) {
        starts.append(bytes.count)
        bytes.append(contentsOf: raw)
        bytes.append(0x0a)
    }

    /// File offset of line `index`, and the offset just after its `\n`.
    func offsets(of index: Int) -> (start: Int64, after: Int64) {
        let after = index + 1 < starts.count ? starts[index + 1] : bytes.count
        return (fileStart + Int64(starts[index]), fileStart + Int64(after))
    }

    /// Decodes every line on a global queue's thread.
    func start(_ decoder: LineDecoder) {
        DispatchQueue.global(qos: .userInitiated).async { [self] in
            decode(decoder)
            done.signal()
        }
    }

    /// Blocks until the worker has filled ``lines``, ``hashes`` and ``failure``; call once.
    func wait() { done.wait() }

    /// Frees the bytes and decoded lines on a worker thread once they were folded, so that the
    /// reading thread does not spend its time releasing them.
    func discardOnWorker() {
        DispatchQueue.global(qos: .utility).async { [self] in
            lines = []
            hashes = []
            bytes = []
            starts = []
        }
    }

    /// Decodes up to the first line that fails: the fold throws there, so later lines are not needed.
    private func decode(_ decoder: LineDecoder) {
        var lines: [DecodedLine] = [], hashes: [String] = []
        lines.reserveCapacity(starts.count)
        hashes.reserveCapacity(starts.count)
        bytes.withUnsafeBytes { all in
            for index in 0..<starts.count {
                let end = (index + 1 < starts.count ? starts[index + 1] : all.count) - 1
                let raw = UnsafeRawBufferPointer(rebasing: all[starts[index]..<end])
                do throws(LedgerError) {
                    lines.append(try decoder.decode(raw))
                    hashes.append(LedgerLine.hash(of: raw))
                } catch {
                    failure = error
                    return
                }
            }
        }
        self.lines = lines
        self.hashes = hashes
    }
}
