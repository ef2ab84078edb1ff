import MutualLedger

/// Writes a scripted history into a ledger deterministically: fixed keys, event ids from a
/// counter, `recorded` stamped from the event's day (never the wall clock). Events are buffered
/// and appended in one batch by ``flush()``; ``record(_:_:partnership:on:occurred:by:)`` returns
/// the seq the event will get.
///
/// ```swift
/// var writer = try HistoryWriter(ledger: ledger, origin: "example.org/test", steward: steward, logKey: logKey)
/// let seq = try writer.record("org.registered", ["id": "a"], on: day, by: steward)
/// try writer.flush()
/// ```
public struct HistoryWriter<Rules: LedgerRules>: Sendable {
    public let ledger: Ledger<Rules>
    /// The seq the next recorded event gets.
    public private(set) var nextSeq: Int
    private var pending: [SignedEvent] = []
    private var lastSecond: Int64 = 0
    private let idPrefix: String

    /// Creates the ledger with ``Ledger/create(origin:steward:logKey:)`` (the genesis line is
    /// stamped by the ledger's clock and gets a fresh id) and positions the writer after it.
    public init(ledger: Ledger<Rules>, origin: String, steward: SigningKey, logKey: SigningKey,
                idPrefix: String = "00000000-0000-4000-8000-") throws(LedgerError) {
        self.ledger = ledger
        self.idPrefix = idPrefix
        let genesis = try ledger.create(origin: origin, steward: steward, logKey: logKey)
        nextSeq = 1
        lastSecond = genesis.event.recorded.seconds
    }

    /// The id this writer gives the event at `seq`.
    public func eventID(ofSeq seq: Int) -> String { Self.id(idPrefix, seq) }

    static func id(_ prefix: String, _ n: Int) -> String {
        let hex = String(n, radix: 16)
        return prefix + String(repeating: "0", count: max(0, 12 - hex.count)) + hex
    }

    /// Buffers one event recorded on `day` (at 09:00 UTC, or a second after the previous event
    /// if that is later) and returns its seq. `occurred` defaults to `day`.
    @discardableResult
    public mutating func record(_ type: String, _ body: [String: JSONValue], partnership: String? = nil,
                                on day: CalendarDate, occurred: CalendarDate?? = .none, by key: SigningKey) throws(LedgerError) -> Int {
        let seconds = max(day.daysSinceEpoch * 86_400 + 9 * 3600, lastSecond + 1)
        lastSecond = seconds
        let occurredDay: CalendarDate? = occurred ?? day
        let signed = try Ledger<Rules>.sign(type: type, body: body, partnership: partnership, occurred: occurredDay,
                                            id: Self.id(idPrefix, nextSeq), key: key, recorded: Timestamp(seconds: seconds))
        pending.append(signed)
        nextSeq += 1
        return nextSeq - 1
    }

    /// Enrolls `key` for `actor` (signed by `steward`) and returns the seq.
    @discardableResult
    public mutating func enroll(_ actor: String, name: String, key: SigningKey, org: String?, roles: [String],
                                on day: CalendarDate, steward: SigningKey) throws(LedgerError) -> Int {
        let body = ActorEnrolledBody(actor: actor, name: name, publicKey: key.publicKey, org: org, roles: roles).json
        return try record(CoreEventType.actorEnrolled, body, on: day, occurred: .some(nil), by: steward)
    }

    /// Appends everything buffered in one batch (all or nothing).
    public mutating func flush() throws(LedgerError) {
        guard !pending.isEmpty else { return }
        _ = try ledger.append(pending)
        pending.removeAll()
    }
}
