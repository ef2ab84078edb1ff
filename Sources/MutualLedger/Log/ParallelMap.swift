import Dispatch
import Foundation

/// Maps `0..<count` on all cores, in chunks, keeping the order: for pure per-item work of bulk
/// appends (encoding events, parsing signed event lines, turning CSV rows into drafts).
///
/// ```swift
/// let squares = ParallelMap.map(1000) { $0 * $0 }           // [0, 1, 4, ...]
/// let parsed = try ParallelMap.tryMap(lines.count) { try parse(lines[$0]) }   // first error in order
/// ```
public enum ParallelMap {
    /// Items per chunk handed to one thread.
    static let chunk = 256

    public static func map<T: Sendable>(_ count: Int, _ transform: @Sendable (Int) -> T) -> [T] {
        let chunks = (count + chunk - 1) / chunk
        let results = ChunkResults<T>(chunks)
        DispatchQueue.concurrentPerform(iterations: chunks) { index in
            let range = (index * chunk)..<min(count, (index + 1) * chunk)
            results.set(index, range.map(transform))
        }
        return results.flattened()
    }

    /// `map` of a throwing transform: the error of the lowest index that fails, if any.
    public static func tryMap<T: Sendable>(_ count: Int, _ transform: @Sendable (Int) throws(LedgerError) -> T) throws(LedgerError) -> [T] {
        let outcomes = map(count) { index -> Result<T, LedgerError> in
            do throws(LedgerError) { return .success(try transform(index)) } catch { return .failure(error) }
        }
        var values: [T] = []
        values.reserveCapacity(count)
        for outcome in outcomes { values.append(try outcome.get()) }
        return values
    }
}

/// One slot per chunk, each written by exactly one thread of `concurrentPerform`.
private final class ChunkResults<T: Sendable>: @unchecked Sendable {
    // `@unchecked Sendable`: every slot is written once, by one thread, before `flattened()`
    // reads them after `concurrentPerform` returned; the lock orders those accesses.
    private var slots: [[T]]
    private let lock = NSLock()

    init(_ count: Int) { slots = Array(repeating: [], count: count) }

    func set(_ index: Int, _ values: [T]) { lock.withLock { slots[index] = values } }

    func flattened() -> [T] { lock.withLock { Array(slots.joined()) } }
}
