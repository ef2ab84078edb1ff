import Foundation

/// Counts reads of ``CacheTable``s that failed (an I/O error, a file shorter than its ref says),
/// which a lookup otherwise answers as "absent". A spilled fold's tables share one, so a pass
/// whose tables could not be read fails as an I/O error instead of trusting a missing entry
/// (an event id not found would let a reused id through).
///
/// ```swift
/// let failures = ReadFailures()
/// let table = CacheTable.open(files, ref: ref, failures: failures)
/// if failures.count > 0 { /* the pass cannot be trusted */ }
/// ```
public final class ReadFailures: @unchecked Sendable {
    // `@unchecked Sendable`: `failed` is only read and written under `lock`.
    private let lock = NSLock()
    private var failed = 0

    public init() {}

    /// Reads that failed so far.
    public var count: Int { lock.withLock { failed } }

    func note() { lock.withLock { failed += 1 } }
}
