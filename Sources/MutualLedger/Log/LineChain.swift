import Foundation

/// Builds the lines of an append batch and their hash chain (each line's `prev` is the SHA-256
/// of the line before) in order, on a thread of its own for a large batch, while the calling
/// thread checks the next events against the rules: the chain depends only on the bytes, the
/// checks only on the events, so the two run side by side. ``finish()`` waits for the last
/// line and returns them all with the hash of the last (the fold's `lastHash` after the batch).
///
/// The fold the calling thread advances meanwhile carries a stale `lastHash`: nothing checked in
/// a batch reads it (each line is built with the `prev` this chain computes), and the caller
/// restores the real one from ``finish()``.
///
/// ```swift
/// let chain = LineChain(end: logSize, prev: fold.lastHash, lines: events.count)
/// defer { chain.cancel() }
/// chain.add(encoded, seq: fold.count)           // after the event's checks pass
/// let (pending, lastHash) = chain.finish()      // pending.bytes: what is written
/// ```
final class LineChain: @unchecked Sendable {
    // `@unchecked Sendable`: `queue`, `closed`, `finished`, `pending` and `prev` are touched by
    // the worker thread only while it runs and by other threads only under `condition` or after
    // `finished` is set (the worker no longer touches them then).
    private var queue: [(EncodedEvent, Int)] = []
    private var local: [(EncodedEvent, Int)] = []
    private var closed = false
    private var finished = false
    private var pending: PendingLines
    private var prev: String
    private let threaded: Bool
    private let condition = NSCondition()

    /// Events handed to the worker at a time.
    static let handOff = 128
    /// Batches of fewer events build their lines on the calling thread.
    static let minimumThreaded = 256

    init(end: Int64, prev: String, lines: Int) {
        pending = PendingLines(end: end)
        pending.reserve(lines: lines, bytes: lines * Self.expectedLineBytes)
        self.prev = prev
        threaded = lines >= Self.minimumThreaded
        local.reserveCapacity(Self.handOff)
        if threaded {
            let thread = Thread { [self] in run() }
            thread.start()
        }
    }

    /// Bytes reserved per line (about the size of a visit's line), so that a large batch's buffer
    /// is not copied each time it doubles.
    static let expectedLineBytes = 768

    /// Adds the line of `encoded` at `seq` (seqs consecutive, in order).
    func add(_ encoded: EncodedEvent, seq: Int) {
        guard threaded else {
            prev = pending.add(encoded.lineBytes(seq: seq, prev: prev))
            return
        }
        local.append((encoded, seq))
        if local.count >= Self.handOff { handOver() }
    }

    /// Waits for every line added; returns them with the hash of the last (`prev` if none).
    func finish() -> (PendingLines, lastHash: String) {
        guard threaded else { return (pending, prev) }
        handOver()
        condition.withLock {
            closed = true
            condition.broadcast()
            while !finished { condition.wait() }
        }
        return (pending, prev)
    }

    /// Stops the worker without waiting for the lines (after a refused event); harmless after ``finish()``.
    func cancel() {
        guard threaded else { return }
        condition.withLock {
            closed = true
            queue.removeAll()
            condition.broadcast()
        }
    }

    private func handOver() {
        guard !local.isEmpty else { return }
        condition.withLock {
            queue.append(contentsOf: local)
            condition.broadcast()
        }
        local.removeAll(keepingCapacity: true)
    }

    private func run() {
        var work: [(EncodedEvent, Int)] = []
        while true {
            let stop: Bool = condition.withLock {
                while queue.isEmpty && !closed { condition.wait() }
                swap(&work, &queue)
                return closed && work.isEmpty
            }
            if stop { break }
            for (encoded, seq) in work {
                prev = pending.add(encoded.lineBytes(seq: seq, prev: prev))
            }
            work.removeAll(keepingCapacity: true)
        }
        condition.withLock {
            finished = true
            condition.broadcast()
        }
    }
}
