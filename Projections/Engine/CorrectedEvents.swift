import MutualLedger
import PartnershipEvents

/// Applies `event.corrected` and `event.retracted` before projections fold, and upgrades bodies
/// of older schema versions to the newest shape.
///
/// A thin adapter over the vocabulary's ``CorrectionIndex`` (the one implementation of
/// corrections): a correction replaces its target's body when the target's type is in
/// `EventKind.correctable` (ledger-level `org.registered` and `partnership.registered` included;
/// the latest correction wins), a retraction drops its target when its type is in
/// `EventKind.retractable`. Corrections and retractions themselves are left out.
/// The corrected event keeps its own seq (its evidence is the original line).
///
/// ```swift
/// let visible = CorrectedEvents.apply(events)   // corrections folded in, retracted events gone
/// ```
public enum CorrectedEvents {
    public static let corrected = EventKind.eventCorrected.rawValue
    public static let retracted = EventKind.eventRetracted.rawValue

    /// `events` as they currently read, in log order; `upcasters` upgrade older schema versions.
    public static func apply(_ events: [SequencedEvent], upcasters: EventUpcasters = .standard) -> [SequencedEvent] {
        var index = CorrectionIndex(upcasters: upcasters)
        for item in events { index.add(item.event, seq: item.seq) }
        return index.current.map { entry in
            var event = entry.event
            event.body = entry.body
            return SequencedEvent(seq: entry.seq ?? 0, event: event)
        }
    }
}
