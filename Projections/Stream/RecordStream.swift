import MutualLedger

/// The partnership record built one line at a time, in a compact form that can be saved in a
/// snapshot and resumed: the decoded body of every event the record reads (corrections already
/// written into their targets, retractions marked), in log order. ``record()`` folds them into a
/// ``PartnershipRecord`` exactly as ``CorrectedEvents`` and ``PartnershipRecordProjection`` fold
/// the whole slice, because the fold happens at the end, over the events as they currently read:
/// a correction or retraction that arrives after a snapshot still changes the event it targets.
///
/// It checks what it reads as ``SliceCollector`` does: contiguous seqs and the `prev` chain.
///
/// ```swift
/// var stream = RecordStream(point: .latest)
/// _ = try stream.add(try DecodedLine.fast(raw), hash: LedgerLine.hash(of: raw))   // per line
/// let record = stream.record()
/// stream.position.count   // lines read
/// ```
public struct RecordStream: Sendable, Equatable {
    /// One event the record reads, as it currently reads.
    ///
    /// ```swift
    /// let item = stream.items[0]
    /// item.kind         // .org
    /// item.retracted    // false
    /// ```
    public struct Item: Sendable, Equatable {
        // The one-byte members last, so that they share the body's tail padding.
        public var seq: Int
        public var partnership: String?
        public var date: CalendarDate
        /// The org the author's key was enrolled for when the event was recorded (confirmations, missions).
        public var authorOrg: String?
        public var body: RecordBody
        public var kind: RecordKind
        public var retracted = false

        public init(seq: Int, kind: RecordKind, partnership: String?, date: CalendarDate, authorOrg: String?,
                    body: RecordBody, retracted: Bool = false) {
            self.seq = seq
            self.partnership = partnership
            self.date = date
            self.authorOrg = authorOrg
            self.body = body
            self.kind = kind
            self.retracted = retracted
        }
    }

    public let point: ReportPoint
    /// Lines read.
    public internal(set) var count = 0
    /// Hash of the last line read (lowercase hex).
    public internal(set) var lastHash = LedgerLine.zeroHash
    /// The latest effective date among the events selected.
    public internal(set) var latestDate: CalendarDate?
    public internal(set) var items: [Item] = []
    /// The event id of each item, and the item number of each id.
    var index = EventKeyIndex()
    /// Org of each enrolled key, as enrollments were read.
    var keyOrgs: [String: String] = [:]

    public init(point: ReportPoint) { self.point = point }

    /// Where the stream stopped.
    public var position: LogPosition { LogPosition(count: count, lastHash: lastHash) }

    /// The `--as-of` date, else the latest effective date seen.
    public var reportDate: CalendarDate? {
        if case .asOf(let day) = point { return day }
        return latestDate
    }

    /// Adds the next line; returns false once the point is reached.
    public mutating func add(_ line: DecodedLine, hash: String) throws(LedgerError) -> Bool {
        try ReportChain.check(seq: line.seq, prev: line.prev, count: count, lastHash: lastHash)
        count += 1
        lastHash = hash
        var include = !line.isGenesis
        if case .asOf(let day) = point, line.date > day { include = false }
        if include {
            latestDate = max(latestDate ?? line.date, line.date)
            if line.kind != .other { select(line) }
        }
        if case .at(let seq) = point, line.seq >= seq { return false }
        return true
    }

    /// What ``CorrectionIndex/add(_:seq:)`` does, on decoded bodies.
    private mutating func select(_ line: DecodedLine) {
        switch line.kind {
        case .corrected:
            guard let target = line.target, let at = index[target], items[at].kind.isCorrectable,
                  let replacement = line.replacement else { return }
            items[at].body = RecordBody(items[at].kind, JSONBodyReader(replacement))
        case .retracted:
            guard let target = line.target, let at = index[target], items[at].kind.isRetractable else { return }
            items[at].retracted = true
        default:
            // One probe sequence for a new id; a repeated id is ignored (the first keeps its item).
            guard index.insertIfAbsent(line.id) else { return }
            var authorOrg: String?
            if let author = line.author { authorOrg = keyOrgs[author] }
            if case .actor(let key, let org) = line.body { keyOrgs[key] = org }
            items.append(Item(seq: line.seq, kind: line.kind, partnership: line.partnership, date: line.date,
                              authorOrg: authorOrg, body: line.body))
        }
    }

    /// Frees the event-id index once no more lines will be added (before ``record()``, to lower
    /// the peak memory of a report); lines added after it would not find their targets.
    ///
    /// ```swift
    /// stream.releaseIndex()
    /// let record = stream.record()
    /// ```
    public mutating func releaseIndex() {
        index = EventKeyIndex()
        keyOrgs = [:]
    }

    /// Makes room for about `more` further items.
    mutating func reserve(_ more: Int) {
        guard more > 4096 else { return }
        // The id index is not reserved: it grows by doubling its 4-byte slots, and reserving
        // for an estimate would touch memory for ids that never come.
        items.reserveCapacity(items.count + more)
    }

    /// Fails if `--at` names a seq beyond the lines read (as ``SliceCollector/finish()`` does).
    public func checkPoint() throws(LedgerError) {
        if case .at(let seq) = point, seq >= count {
            throw LedgerError(.usage, "--at \(seq) is beyond the log, whose last seq is \(count - 1); give a seq from 0 to \(count - 1)")
        }
    }
}
