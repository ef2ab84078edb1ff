import MutualLedger
import PartnershipEvents

/// One log line as the streaming report reads it: where it sits in the chain, its effective
/// date, and, for the types the partnership record reads, the body members it needs.
///
/// Two decoders produce it and must agree: ``DecodedLine/general(_:upcasters:)`` (the strict
/// parser, then the same accessors as ``PartnershipRecordProjection``) and
/// ``DecodedLine/fast(_:upcasters:)`` (reads the canonical bytes directly and falls back to the
/// general decoder for anything unusual: escapes, corrections, retractions, older schemas).
///
/// ```swift
/// let line = try DecodedLine.fast(raw)   // raw: the bytes of one line, without "\n"
/// line.kind   // .visit
/// ```
public struct DecodedLine: Sendable, Equatable {
    public var seq: Int
    /// The `prev` member (lowercase hex).
    public var prev: String
    public var isGenesis: Bool
    /// `occurred`, else the day of `recorded`.
    public var date: CalendarDate
    public var kind: RecordKind
    /// The rest is set only when `kind` is not `.other`.
    public var id: EventKey
    public var partnership: String?
    /// The author's key id text, for the kinds whose fold looks at the author (confirmations, missions).
    public var author: String?
    public var body: RecordBody
    /// `event.corrected` and `event.retracted`: the target id (nil when the body is not a valid amendment).
    public var target: EventKey?
    /// `event.corrected`: the replacement body.
    public var replacement: [String: JSONValue]?

    static func needsAuthor(_ kind: RecordKind) -> Bool {
        kind == .confirm || kind == .missionRevised || kind == .missionEndorsed
    }

    /// Decodes with the strict parser (`LedgerLine(bytes:)`); throws its error for an invalid line.
    public static func general(_ raw: some Collection<UInt8>, upcasters: EventUpcasters = .standard) throws(LedgerError) -> DecodedLine {
        try general(LedgerLine(bytes: raw), upcasters: upcasters)
    }

    /// Decodes a parsed line.
    public static func general(_ line: LedgerLine, upcasters: EventUpcasters = .standard) throws(LedgerError) -> DecodedLine {
        let event = line.event
        let kind = RecordKind(type: event.type)
        var decoded = DecodedLine(seq: line.seq, prev: line.prev, isGenesis: event.type == CoreEventType.genesis,
                                  date: event.effectiveDate, kind: kind, id: EventKey(high: 0, low: 0), partnership: nil,
                                  author: nil, body: .skip, target: nil, replacement: nil)
        guard kind != .other else { return decoded }
        guard let id = EventKey(event.id) else {
            throw LedgerError(.invalidFormat, "event id \(event.id) is not a lowercase UUID; run `mutual verify`", seq: line.seq)
        }
        decoded.id = id
        decoded.partnership = event.partnership
        if needsAuthor(kind) { decoded.author = event.author.text }
        let body = (try? upcasters.currentBody(of: event)) ?? event.body
        switch kind {
        case .corrected:
            if let correction = try? EventCorrected(body: body) {
                decoded.target = EventKey(correction.target)
                decoded.replacement = correction.replacement
            }
        case .retracted:
            if let retraction = try? EventRetracted(body: body) { decoded.target = EventKey(retraction.target) }
        default:
            decoded.body = RecordBody(kind, JSONBodyReader(body))
        }
        return decoded
    }
}
