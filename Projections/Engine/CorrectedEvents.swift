import MutualLedger

/// Applies `event.corrected` and `event.retracted` before projections fold.
///
/// A correction `{"target", "body", "reason"}` replaces its target's body (the latest correction
/// wins); a retraction `{"target", "reason"}` drops the target (a retracted correction no longer
/// applies). Only partnership-scoped events
/// that are not themselves corrections or retractions can be targets; anything else is ignored.
/// The corrected event keeps its own seq (its evidence is the original line).
///
/// ```swift
/// let visible = CorrectedEvents.apply(events)   // corrections folded in, retracted events gone
/// ```
public enum CorrectedEvents {
    public static let corrected = "event.corrected"
    public static let retracted = "event.retracted"

    public static func apply(_ events: [SequencedEvent]) -> [SequencedEvent] {
        var retractedIDs: Set<String> = []
        for item in events where item.event.type == retracted {
            if let target = item.event.body["target"]?.stringValue { retractedIDs.insert(target) }
        }
        var replacements: [String: [String: JSONValue]] = [:]
        for item in events where item.event.type == corrected && !retractedIDs.contains(item.event.id) {
            if let target = item.event.body["target"]?.stringValue, let body = item.event.body["body"]?.objectValue {
                replacements[target] = body
            }
        }
        var result: [SequencedEvent] = []
        result.reserveCapacity(events.count)
        for var item in events where item.event.type != corrected && item.event.type != retracted {
            let correctable = item.event.partnership != nil
            if correctable, retractedIDs.contains(item.event.id) { continue }
            if correctable, let body = replacements[item.event.id] { item.event.body = body }
            result.append(item)
        }
        return result
    }
}
