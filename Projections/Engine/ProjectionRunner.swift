import MutualLedger
import PartnershipEvents

/// Streams a ledger's lines up to a ``ReportPoint`` and hands the corrected events to projections.
///
/// The runner checks what it reads (canonical lines, contiguous seqs, the `prev` chain) and
/// reports the ``LogPosition`` it read to. Signatures and authorisation are `mutual verify`'s job.
/// Bodies of older schema versions are upgraded by `upcasters` (see ``CorrectedEvents``).
///
/// ```swift
/// let slice = try ProjectionRunner(directory: dir).read(at: .asOf(CalendarDate(year: 2025, month: 6, day: 30)))
/// let record = PartnershipRecordProjection().fold(slice.events)
/// slice.position.count   // lines read
/// slice.reportDate       // the as-of date, else the latest effective date seen
/// ```
public struct ProjectionRunner: Sendable {
    public let directory: LedgerDirectory
    public var lockTimeout: Double
    /// Upgrades of older schema versions (the vocabulary's by default).
    public var upcasters: EventUpcasters

    public init(directory: LedgerDirectory, lockTimeout: Double = 30, upcasters: EventUpcasters = .standard) {
        self.directory = directory
        self.lockTimeout = lockTimeout
        self.upcasters = upcasters
    }

    /// Reads the log up to `point`: the selected events with corrections and retractions applied.
    ///
    /// `keeping` limits the events kept in memory to those types (corrections and retractions are
    /// always kept); nil keeps every type. The report date and position still count every line.
    public func read(at point: ReportPoint, keeping types: Set<String>? = nil) throws(LedgerError) -> LedgerSlice {
        try directory.requireExisting()
        let log = try LogFile.open(directory.events, writable: false)
        let end = try log.stableEnd(timeout: lockTimeout)
        var collector = SliceCollector(point: point, keeping: types, upcasters: upcasters)
        try log.forEachLine(upTo: end) { (_, raw) throws(LedgerError) -> Bool in
            let line: LedgerLine
            do throws(LedgerError) {
                line = try LedgerLine(bytes: raw)
            } catch {
                throw error.at(collector.count)
            }
            return try collector.add(line, hash: LedgerLine.hash(of: raw))
        }
        return try collector.finish()
    }
}

/// The part of the log a report sees: corrected events, where it stopped, and the report date.
///
/// ```swift
/// let slice = try ProjectionRunner(directory: dir).read(at: .at(seq: 41))
/// slice.position.count   // 42
/// ```
public struct LedgerSlice: Sendable, Equatable {
    /// Events selected by the point, corrections applied, retracted ones and corrections removed.
    public var events: [SequencedEvent]
    /// Lines read (for `--as-of`: the whole log as it stands).
    public var position: LogPosition
    /// The `--as-of` date, else the latest effective date among the selected events.
    public var reportDate: CalendarDate?

    public init(events: [SequencedEvent], position: LogPosition, reportDate: CalendarDate?) {
        self.events = events
        self.position = position
        self.reportDate = reportDate
    }
}

/// Accumulates lines for a ``LedgerSlice``; exposed so tests and other readers can feed lines directly.
///
/// ```swift
/// var collector = SliceCollector(point: .latest)
/// _ = try collector.add(line, hash: hash)
/// let slice = try collector.finish()
/// ```
public struct SliceCollector: Sendable {
    public let point: ReportPoint
    /// Event types kept (nil: all); corrections and retractions are always kept.
    public let types: Set<String>?
    /// Upgrades of older schema versions, applied in ``finish()``.
    public let upcasters: EventUpcasters
    public private(set) var count = 0
    private var lastHash = LedgerLine.zeroHash
    private var selected: [SequencedEvent] = []
    private var latestDate: CalendarDate?

    public init(point: ReportPoint, keeping types: Set<String>? = nil, upcasters: EventUpcasters = .standard) {
        self.point = point
        self.upcasters = upcasters
        self.types = types.map { $0.union([CorrectedEvents.corrected, CorrectedEvents.retracted]) }
    }

    /// Adds the next line; returns false once the point is reached (nothing more is needed).
    public mutating func add(_ line: LedgerLine, hash: String) throws(LedgerError) -> Bool {
        try ReportChain.check(seq: line.seq, prev: line.prev, count: count, lastHash: lastHash)
        count += 1
        lastHash = hash
        let event = line.event
        var include = event.type != CoreEventType.genesis
        if case .asOf(let day) = point, event.effectiveDate > day { include = false }
        if include {
            latestDate = max(latestDate ?? event.effectiveDate, event.effectiveDate)
            if types?.contains(event.type) ?? true { selected.append(SequencedEvent(seq: line.seq, event: event)) }
        }
        if case .at(let seq) = point, line.seq >= seq { return false }
        return true
    }

    /// The slice; fails if `--at` names a seq beyond the log.
    public func finish() throws(LedgerError) -> LedgerSlice {
        if case .at(let seq) = point, seq >= count {
            throw LedgerError(.usage, "--at \(seq) is beyond the log, whose last seq is \(count - 1); give a seq from 0 to \(count - 1)")
        }
        let reportDate: CalendarDate?
        if case .asOf(let day) = point { reportDate = day } else { reportDate = latestDate }
        return LedgerSlice(events: CorrectedEvents.apply(selected, upcasters: upcasters),
                           position: LogPosition(count: count, lastHash: lastHash),
                           reportDate: reportDate)
    }
}
