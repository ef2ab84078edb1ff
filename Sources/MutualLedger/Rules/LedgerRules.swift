/// The vocabulary-specific rules a ledger enforces on top of the core ones:
/// which event types exist, how their bodies validate, and who may record them.
///
/// The core enforces signatures, the chain, and key enrolment; a vocabulary
/// (like `PartnershipEvents`) adds its own rules by conforming to this protocol.
/// `check` runs at append and again in `verify`, so a hand-edited ledger that holds
/// an event the rules refuse fails verification.
///
/// ```swift
/// struct OnlyNotes: LedgerRules {
///     struct State: Codable, Sendable { var notes = 0 }
///     static let name = "only-notes"; static let version = 1
///     var initialState: State { State() }
///     func check(_ e: Event, seq: Int, registry: KeyRegistry, state: State) throws(LedgerError) {
///         guard e.type == "note.added" || CoreEventType.all.contains(e.type) else {
///             throw LedgerError(.validation, "unknown type \(e.type)")
///         }
///     }
///     func apply(_ e: Event, seq: Int, registry: KeyRegistry, state: inout State) { state.notes += 1 }
/// }
/// ```
public protocol LedgerRules: Sendable {
    /// State the rules need to decide (known orgs, visits, ...). Persisted in `DIR/cache/` between appends.
    associatedtype State: Codable & Sendable

    /// Stable name, used as the cache key.
    static var name: String { get }
    /// Bumped whenever `State` or the rules change, so stale caches are rebuilt.
    static var version: Int { get }

    /// The state before the first event.
    var initialState: State { get }

    /// Throws `.validation` or `.unauthorized` if `event` may not be recorded at `seq`.
    /// `registry` is the key registry *before* the event; the author key is enrolled and active.
    func check(_ event: Event, seq: Int, registry: KeyRegistry, state: State) throws(LedgerError)

    /// Applies an event that passed `check`. Must never fail.
    func apply(_ event: Event, seq: Int, registry: KeyRegistry, state: inout State)
}

/// Rules that accept any well-formed event type: the ledger core alone.
///
/// ```swift
/// let ledger = Ledger(directory: dir, rules: CoreRules())
/// ```
public struct CoreRules: LedgerRules {
    public struct State: Codable, Sendable, Equatable {}
    public static let name = "core"
    public static let version = 1
    public init() {}
    public var initialState: State { State() }
    public func check(_ event: Event, seq: Int, registry: KeyRegistry, state: State) throws(LedgerError) {}
    public func apply(_ event: Event, seq: Int, registry: KeyRegistry, state: inout State) {}
}
