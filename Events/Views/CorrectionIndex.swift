import MutualLedger

/// The record as it currently reads: every event with its body after corrections, without
/// retracted events and without the `event.corrected`/`event.retracted` events themselves.
/// Bodies of older schema versions are upgraded, so projections see only the newest shape.
///
/// This is the one implementation of corrections for readers: the `Projections` engine uses it
/// too. It follows the vocabulary: a correction applies only to an earlier event whose type is in
/// ``EventKind/correctable`` (ledger-level ones such as `org.registered` included), a retraction
/// only to one in ``EventKind/retractable``; the latest correction wins, and a retracted event is
/// gone whatever corrections it had. Anything else (an unknown target, a target of another type,
/// an amendment of an amendment) is ignored, as ``PartnershipRules`` would have refused it.
/// The replacement body of a correction is used as written (it was validated against the
/// target type's newest schema when it was appended).
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
        /// The seq of the line that carries the event, when the reader gave it to ``add(_:seq:)``.
        public var seq: Int?
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

    /// Adds the next event of the log (`seq`: the line that carries it, if known). Events the
    /// rules would refuse are expected not to be in the log; a correction or retraction whose
    /// target is unknown or not of a correctable (retractable) type is ignored, and so is an
    /// event whose id was already added.
    public mutating func add(_ event: Event, seq: Int? = nil) {
        let body = (try? upcasters.currentBody(of: event)) ?? event.body
        switch EventKind(rawValue: event.type) {
        case .eventCorrected:
            guard let correction = try? EventCorrected(body: body),
                  isTarget(correction.target, of: EventKind.correctable) else { return }
            entries[correction.target]?.body = correction.replacement
            entries[correction.target]?.corrections.append(event.id)
        case .eventRetracted:
            guard let retraction = try? EventRetracted(body: body),
                  isTarget(retraction.target, of: EventKind.retractable) else { return }
            retracted.insert(retraction.target)
        default:
            guard entries[event.id] == nil else { return }
            order.append(event.id)
            entries[event.id] = Entry(event: event, body: body, corrections: [], seq: seq)
        }
    }

    /// Whether `id` names an event already added whose type is among `kinds`.
    private func isTarget(_ id: String, of kinds: Set<EventKind>) -> Bool {
        guard let type = entries[id]?.event.type, let kind = EventKind(rawValue: type) else { return false }
        return kinds.contains(kind)
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
