import MutualLedger

/// A pure, deterministic fold over the verified, corrected event stream.
///
/// `apply` must never fail on a valid history: events it does not understand, or whose
/// bodies lack a member it needs, are skipped. Folding all events in one pass must give
/// the same state as folding them in pieces (the state carries everything it needs).
///
/// ```swift
/// struct CountVisits: Projection {
///     static let name = "count-visits"; static let version = 1
///     var initialState: Int { 0 }
///     func apply(_ event: Event, seq: Int, to state: inout Int) {
///         if event.type == "visit.recorded" { state += 1 }
///     }
/// }
/// let visits = CountVisits().fold(events)   // events: [SequencedEvent]
/// ```
public protocol Projection: Sendable {
    associatedtype State: Sendable & Equatable

    /// Stable name (appears nowhere in reports yet; used to key caches).
    static var name: String { get }
    /// Bumped whenever `State` or `apply` change meaning.
    static var version: Int { get }

    /// The state before the first event.
    var initialState: State { get }

    /// Folds one event (already corrected; never a correction or retraction itself).
    func apply(_ event: Event, seq: Int, to state: inout State)
}

extension Projection {
    /// Folds `events` in order, starting from `state` (default: the initial state).
    public func fold(_ events: some Sequence<SequencedEvent>, from state: State? = nil) -> State {
        var current = state ?? initialState
        for item in events { apply(item.event, seq: item.seq, to: &current) }
        return current
    }
}

/// An event with the seq of the ledger line that carries it.
///
/// ```swift
/// let item = SequencedEvent(seq: 7, event: line.event)
/// ```
public struct SequencedEvent: Sendable, Equatable {
    public var seq: Int
    public var event: Event

    public init(seq: Int, event: Event) {
        self.seq = seq
        self.event = event
    }
}
