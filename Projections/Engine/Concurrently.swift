import Dispatch
import Foundation

/// Maps `0..<count` with one task per index on the machine's cores, keeping the order: for a
/// few large independent pieces of work, such as the rules of each partnership of a report.
///
/// ```swift
/// let rows = Concurrently.map(ids.count) { index in expensiveRow(ids[index]) }   // in the order of ids
/// ```
public enum Concurrently {
    public static func map<T: Sendable>(_ count: Int, _ transform: @Sendable (Int) -> T) -> [T] {
        guard count > 1, ProcessInfo.processInfo.activeProcessorCount > 1 else { return (0..<count).map(transform) }
        let slots = Slots<T>(count)
        DispatchQueue.concurrentPerform(iterations: count) { index in slots.set(index, transform(index)) }
        return slots.values()
    }
}

/// One slot per index, each written once by one thread of `concurrentPerform`.
private final class Slots<T: Sendable>: @unchecked Sendable {
    // `@unchecked Sendable`: the lock orders every access; `values()` runs after
    // `concurrentPerform` returned, so every slot is set.
    private var slots: [T?]
    private let lock = NSLock()

    init(_ count: Int) { slots = Array(repeating: nil, count: count) }

    func set(_ index: Int, _ value: T) { lock.withLock { slots[index] = value } }

    func values() -> [T] { lock.withLock { slots.compactMap { $0 } } }
}
