import Dispatch
import Foundation

/// The Ed25519 checks of parallel `verify`, run on worker threads while the calling thread does
/// everything that depends on order (parsing, seq, prev, key registry, rules, tree).
///
/// The calling thread resolves each line's key in the registry *as it stands at that line* and
/// hands over only `(seq, key, signed bytes, signature)`, so a key revoked at seq N is refused
/// after N exactly as in the sequential pass. Workers remember the lowest failing seq; batches
/// beyond it are skipped.
///
/// ```swift
/// let workers = SignatureWorkers(jobs: 2)
/// workers.submit([item])            // blocks while `jobs` batches are already running
/// let failure = workers.finish()    // lowest failing seq, after every batch is done
/// ```
final class SignatureWorkers: @unchecked Sendable {
    /// One signature to check.
    struct Item: Sendable {
        var seq: Int
        var key: PublicKey
        var message: [UInt8]
        var signature: [UInt8]
        var author: KeyID
        /// The line's `prev`: the hash of the line before it (already checked by the calling thread).
        var prev: String
    }

    /// The lowest seq whose signature does not verify.
    struct Failure: Sendable {
        var seq: Int
        var author: KeyID
        var prev: String
    }

    // `@unchecked Sendable`: `failure` is only read and written under `lock`; everything else is immutable.
    private let lock = NSLock()
    private var failure: Failure?
    private let running: DispatchSemaphore
    private let group = DispatchGroup()
    private let queue = DispatchQueue(label: "mutual.verify.signatures", attributes: .concurrent)

    init(jobs: Int) {
        running = DispatchSemaphore(value: max(1, jobs))
    }

    /// The lowest failing seq found so far.
    var firstFailure: Failure? { lock.withLock { failure } }

    /// Checks `batch` (in seq order) on a worker; waits while `jobs` batches are running.
    func submit(_ batch: [Item]) {
        guard !batch.isEmpty else { return }
        running.wait()
        group.enter()
        queue.async {
            defer {
                self.running.signal()
                self.group.leave()
            }
            let known = self.firstFailure?.seq ?? Int.max
            for item in batch where item.seq < known {
                guard item.signature.count == 64, item.key.isValidSignature(item.signature, for: item.message) else {
                    self.record(Failure(seq: item.seq, author: item.author, prev: item.prev))
                    return
                }
            }
        }
    }

    private func record(_ found: Failure) {
        lock.withLock {
            if found.seq < failure?.seq ?? Int.max { failure = found }
        }
    }

    /// Waits for every submitted batch; the lowest failing seq, if any.
    func finish() -> Failure? {
        group.wait()
        return firstFailure
    }
}
