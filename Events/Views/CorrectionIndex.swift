import MutualLedger

/// The record as it currently reads: every event with its body after corrections, without
/// retracted events and without the `event.corrected`/`event.retracted` events themselves.
/// Bodies of older schema versions are upgraded, so projections see only the newest shape.
///
/// ```swift
/// var index = CorrectionIndex()
/// for event in events { index.add(event) }
/// for entry in index.current where entry.event.type == VisitRecorded.type {
///     let visit = try VisitRecorded(body: entry.body)     // corrected body
/// }
/// ```
public struct CorrectionIndex: Sendable {
    /// One event as it currently reads.
    public struct Entry: Sendable, Equatable {
        /// The event as recorded (its `body` is the original).
        public var event: Event
        /// The current body: the latest correction's replacement, else the (upgraded) original.
        public var body: [String: JSONValue]
        /// Ids of the corrections applied, oldest first.
        public var corrections: [String]
    }

    public let upcasters: EventUpcasters
    private var order: [String] = []
    private var entries: [String: Entry] = [:]
    /// Ids of retracted events.
    public private(set) var retracted: Set<String> = []

    public init(upcasters: EventUpcasters = .standard) { self.upcasters = upcasters }

    /// An index of `events`, in log order.
    public init(events: some Sequence<Event>, upcasters: EventUpcasters = .standard) {
        self.init(upcasters: upcasters)
        for event in events { add(event) }
    }

    /// Adds the next event of the log. Events the rules would refuse are expected not to be in the log;
    /// a correction or retraction naming an unknown event is ignored.
    public mutating func add(_ event: Event) {
        let kind = EventKind(rawValue: event.type)
        var body = event.body
        if let kind, event.schema != kind.schema,
           let upgraded = try? upcasters.upcast(type: event.type, schema: event.schema, body: body, newest: kind.schema) {
            body = upgraded.body
        }
        switch kind {
        case .eventCorrected:
            guard let correction = try? EventCorrected(body: body), entries[correction.target] != nil else { return }
            entries[correction.target]?.body = correction.replacement
            entries[correction.target]?.corrections.append(event.id)
        case .eventRetracted:
            guard let retraction = try? EventRetracted(body: body), entries[retraction.target] != nil else { return }
            retracted.insert(retraction.target)
        default:
            order.append(event.id)
            entries[event.id] = Entry(event: event, body: body, corrections: [])
        }
    }

    /// Current events in log order (retracted ones left out).
    public var current: [Entry] {
        order.compactMap { retracted.contains($0) ? nil : entries[$0] }
    }

    /// Current events of one type, in log order.
    public func current(type: String) -> [Entry] { current.filter { $0.event.type == type } }

    /// The current body of an event; nil if unknown or retracted.
    public func body(of id: String) -> [String: JSONValue]? {
        retracted.contains(id) ? nil : entries[id]?.body
    }

    /// Whether the event was retracted.
    public func isRetracted(_ id: String) -> Bool { retracted.contains(id) }
}
