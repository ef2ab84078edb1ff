import Dispatch

/// A signed event with the bytes its signature covers, encoded once: the append path checks the
/// signature over them and builds the ledger line around them, instead of encoding the event twice.
///
/// ```swift
/// let encoded = EncodedEvent(signed)                       // one RFC 8785 encoding of the event
/// let line = encoded.lineBytes(seq: 7, prev: lastHash)     // == LedgerLine(seq: 7, prev: lastHash, signed: signed).bytes
/// ```
public struct EncodedEvent: Sendable {
    public let signed: SignedEvent
    /// `mutual/event/v1\n` then the JCS bytes of `signed.event` (what the signature covers).
    let signingBytes: [UInt8]

    /// Encodes `signed.event` once.
    public init(_ signed: SignedEvent) {
        self.init(signed: signed, signingBytes: signed.event.signingBytes)
    }

    /// `signingBytes` must be `signed.event.signingBytes` (the caller just encoded them).
    init(signed: SignedEvent, signingBytes: [UInt8]) {
        self.signed = signed
        self.signingBytes = signingBytes
    }

    /// The canonical bytes of the ledger line holding this event at `seq` after `prev`, without
    /// its newline: byte-identical to `LedgerLine(seq:prev:signed:).bytes` (members in RFC 8785
    /// order `event`, `prev`, `seq`, `sig`, `v`), built around the already-encoded event.
    public func lineBytes(seq: Int, prev: String) -> [UInt8] {
        let domainCount = EventSignature.domainBytes.count
        let sig = Base64.encode(signed.signature)
        var line: [UInt8] = []
        line.reserveCapacity(signingBytes.count - domainCount + prev.utf8.count + sig.utf8.count + 64)
        line.append(contentsOf: #"{"event":"#.utf8)
        line.append(contentsOf: signingBytes[domainCount...])
        line.append(contentsOf: #","prev":""#.utf8)
        line.append(contentsOf: prev.utf8)
        line.append(contentsOf: #"","seq":"#.utf8)
        line.append(contentsOf: String(seq).utf8)
        line.append(contentsOf: #","sig":""#.utf8)
        line.append(contentsOf: sig.utf8)
        line.append(contentsOf: #"","v":"#.utf8)
        line.append(contentsOf: String(MutualLedger.formatVersion).utf8)
        line.append(0x7d)
        return line
    }

    /// The line as the fold checks it, carrying the already-encoded signed bytes.
    func line(seq: Int, prev: String) -> LedgerLine {
        LedgerLine(seq: seq, prev: prev, signed: signed, parsedSigningBytes: signingBytes)
    }

    /// Encodes many events, on all cores when there are enough of them to be worth it.
    static func encodeAll(_ events: [SignedEvent]) -> [EncodedEvent] {
        guard events.count >= 256 else { return events.map(EncodedEvent.init) }
        return ParallelMap.map(events.count) { EncodedEvent(events[$0]) }
    }
}

extension EventSignature {
    static let domainBytes = Array(domain.utf8)
}
