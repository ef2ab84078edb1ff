import Dispatch
import Foundation

/// Signs a batch of events with one key on worker threads (one per core), in chunks taken in
/// order, while the calling thread checks the events in order; ``take(_:)`` hands over each
/// event's encoding and signature, waiting only if its chunk is not signed yet.
///
/// Each event is encoded once (RFC 8785); the same bytes are signed and later framed into the
/// ledger line (``EncodedEvent/lineBytes(seq:prev:)``). Workers stay at most a few chunks ahead
/// of the events taken, so the signed encodings waiting in memory stay few.
///
/// ```swift
/// let signer = ParallelSigner(events, key: key)
/// defer { signer.cancel() }
/// let first = try signer.take(0)      // EncodedEvent of events[0], signed by key
/// ```
final class ParallelSigner: @unchecked Sendable {
    // `@unchecked Sendable`: `results`, `done`, `failures`, `next`, `taken` and `cancelled` are read and
    // written only under `condition`; `events` and `key` are immutable.
    private let events: [Event]
    private let key: SigningKey
    private let chunk: Int
    private var results: [EncodedEvent?]
    private var done: [Bool]
    private var failures: [Int: LedgerError] = [:]
    private var next = 0
    /// The chunk of the last event taken; workers sign no further than `window` chunks past it.
    private var taken = 0
    private let window: Int
    private var cancelled = false
    private let condition = NSCondition()
    private let group = DispatchGroup()

    init(_ events: [Event], key: SigningKey, jobs: Int = ProcessInfo.processInfo.activeProcessorCount, chunk: Int = 256) {
        self.events = events
        self.key = key
        self.chunk = chunk
        window = 4 * max(1, jobs)
        let chunks = (events.count + chunk - 1) / chunk
        results = Array(repeating: nil, count: events.count)
        done = Array(repeating: false, count: chunks)
        let queue = DispatchQueue(label: "mutual.append.sign", attributes: .concurrent)
        for _ in 0..<min(max(1, jobs), chunks) {
            queue.async(group: group) { self.work() }
        }
    }

    deinit { group.wait() }

    private func work() {
        while let index = claim() {
            let range = (index * chunk)..<min(events.count, (index + 1) * chunk)
            var signed: [EncodedEvent] = []
            signed.reserveCapacity(range.count)
            var failure: LedgerError?
            for position in range {
                let event = events[position]
                let bytes = event.signingBytes
                do throws(LedgerError) {
                    signed.append(EncodedEvent(signed: SignedEvent(event: event, signature: try key.sign(bytes)), signingBytes: bytes))
                } catch {
                    failure = error
                    break
                }
            }
            condition.withLock {
                for (offset, encoded) in signed.enumerated() { results[range.lowerBound + offset] = encoded }
                if let failure { failures[index] = failure }
                done[index] = true
                condition.broadcast()
            }
        }
    }

    /// The next chunk to sign, nil when all are claimed or the batch was cancelled.
    private func claim() -> Int? {
        condition.withLock {
            while !cancelled && next < done.count && next >= taken + window { condition.wait() }
            guard !cancelled, next < done.count else { return nil }
            defer { next += 1 }
            return next
        }
    }

    /// Event `index` encoded and signed (each index is taken once; its memory is then released).
    func take(_ index: Int) throws(LedgerError) -> EncodedEvent {
        let result: Result<EncodedEvent, LedgerError> = condition.withLock {
            let chunkIndex = index / chunk
            if chunkIndex > taken {
                taken = chunkIndex
                condition.broadcast()
            }
            while !done[chunkIndex] { condition.wait() }
            if let encoded = results[index] {
                results[index] = nil
                return .success(encoded)
            }
            return .failure(failures[chunkIndex] ?? LedgerError(.io, "event \(index + 1) was not signed; try again"))
        }
        return try result.get()
    }

    /// Stops handing out chunks and waits for the workers (after a refused event, or at the end).
    func cancel() {
        condition.withLock {
            cancelled = true
            condition.broadcast()
        }
        group.wait()
    }
}
