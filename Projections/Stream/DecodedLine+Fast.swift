import MutualLedger
import PartnershipEvents

extension DecodedLine {
    /// Decodes straight from the canonical bytes, reading only what the partnership record needs;
    /// any line it does not read in this simple way goes to ``general(_:upcasters:)``, so the two
    /// always give the same result (and an invalid line the strict parser's error).
    ///
    /// ```swift
    /// let line = try DecodedLine.fast(raw)   // == DecodedLine.general(raw)
    /// ```
    /// A pass over many lines should make one ``LineDecoder`` and call its `decode` instead.
    public static func fast(_ raw: UnsafeRawBufferPointer, upcasters: EventUpcasters = .standard) throws(LedgerError) -> DecodedLine {
        try LineDecoder(upcasters: upcasters).decode(raw)
    }

    static func scan(_ s: SpanScanner, decoder: LineDecoder) throws(SpanScanner.Unsupported) -> DecodedLine {
        var event: Range<Int>?, prev: Range<Int>?, seq: Int?, version: Int?, members = 0
        let end = try s.members(of: 0..<s.bytes.count) { key, value throws(SpanScanner.Unsupported) in
            members += 1
            if s.equals(key, "event") { event = value }
            else if s.equals(key, "prev") { prev = value }
            else if s.equals(key, "seq") { seq = s.int(value) }
            else if s.equals(key, "v") { version = s.int(value) }
            else if !s.equals(key, "sig") { throw SpanScanner.Unsupported() }
        }
        guard end == s.bytes.count, members == 5, version == 1, let event, let prevRange = prev,
              let prevText = s.string(prevRange), let seq, seq >= 0 else { throw SpanScanner.Unsupported() }

        var author: Range<Int>?, body: Range<Int>?, id: Range<Int>?, occurred: Range<Int>?, partnership: Range<Int>?
        var recorded: Range<Int>?, schema: Int?, type: Range<Int>?, reader: SpanBodyReader?
        // Members come in canonical order, so `type` (last) is known only after `body`: the body
        // is indexed in the same pass whatever its type, and used only for the types the record reads.
        try s.walk(event.lowerBound) { key, start throws(SpanScanner.Unsupported) in
            if s.equals(key, "body") {
                let indexed = try SpanBodyReader(s, objectAt: start)
                reader = indexed
                body = start..<indexed.end
                return indexed.end
            }
            let end = try s.skipValue(start)
            let value = start..<end
            if s.equals(key, "author") { author = value }
            else if s.equals(key, "id") { id = value }
            else if s.equals(key, "occurred") { occurred = value }
            else if s.equals(key, "partnership") { partnership = value }
            else if s.equals(key, "recorded") { recorded = value }
            else if s.equals(key, "schema") { schema = s.int(value) }
            else if s.equals(key, "type") { type = value }
            else { throw SpanScanner.Unsupported() }
            return end
        }
        guard let author, let body, let id, let partnership, let recorded, let schema, let type, type.count >= 2,
              s.at(type.lowerBound) == UInt8(ascii: "\"") else { throw SpanScanner.Unsupported() }
        let (kind, isGenesis) = decoder.kind(s, (type.lowerBound + 1)..<(type.upperBound - 1))
        if kind == .corrected || kind == .retracted { throw SpanScanner.Unsupported() }
        if let newest = decoder.newest[Int(kind.rawValue)], newest != schema { throw SpanScanner.Unsupported() }
        let date: CalendarDate
        if let occurred {
            guard let day = s.date(occurred) else { throw SpanScanner.Unsupported() }
            date = day
        } else {
            guard let text = s.string(recorded), let stamp = Timestamp(parsing: text) else { throw SpanScanner.Unsupported() }
            date = stamp.day
        }
        var decoded = DecodedLine(seq: seq, prev: prevText, isGenesis: isGenesis, date: date,
                                  kind: kind, id: EventKey(high: 0, low: 0), partnership: nil, author: nil, body: .skip,
                                  target: nil, replacement: nil)
        guard kind != .other else { return decoded }
        guard id.count == 38, let key = EventKey.parse(UnsafeRawBufferPointer(rebasing: s.bytes[(id.lowerBound + 1)..<(id.upperBound - 1)])) else {
            throw SpanScanner.Unsupported()
        }
        decoded.id = key
        if !s.isNull(partnership) {
            guard let text = s.string(partnership) else { throw SpanScanner.Unsupported() }
            decoded.partnership = text
        }
        if needsAuthor(kind) {
            guard let text = s.string(author) else { throw SpanScanner.Unsupported() }
            decoded.author = text
        }
        guard s.at(body.lowerBound) == UInt8(ascii: "{"), let reader else { throw SpanScanner.Unsupported() }
        decoded.body = RecordBody(kind, reader)
        return decoded
    }
}
