import Crypto

/// One line of `events.jsonl`: the envelope `{"v", "seq", "prev", "event", "sig"}` around a signed event.
///
/// The bytes of a line are the RFC 8785 canonical JSON of this object, without the trailing `\n`.
///
/// ```swift
/// let line = LedgerLine(seq: 0, prev: LedgerLine.zeroHash, signed: signed)
/// let bytes = line.bytes                    // what is written, before "\n"
/// let back = try LedgerLine(bytes: bytes)   // strict: canonical, exact members
/// ```
public struct LedgerLine: Sendable, Hashable {
    /// Position in the log, from 0.
    public var seq: Int
    /// Lowercase hex SHA-256 of the previous line's bytes (64 zeros for seq 0).
    public var prev: String
    public var signed: SignedEvent

    public var event: Event { signed.event }

    /// `prev` of the first line.
    public static let zeroHash = String(repeating: "0", count: 64)

    public init(seq: Int, prev: String, signed: SignedEvent) {
        self.seq = seq
        self.prev = prev
        self.signed = signed
    }

    /// The canonical bytes of the line, without its newline.
    public var bytes: [UInt8] {
        JSONValue.object([
            "v": .integer(Int64(MutualLedger.formatVersion)),
            "seq": .integer(Int64(seq)),
            "prev": .string(prev),
            "event": signed.event.json,
            "sig": .string(Base64.encode(signed.signature)),
        ]).canonicalBytes
    }

    /// Lowercase hex SHA-256 of a line's bytes (the next line's `prev`).
    public static func hash(of bytes: some Collection<UInt8>) -> String {
        var hasher = SHA256()
        bytes.withContiguousStorageIfAvailable { hasher.update(bufferPointer: UnsafeRawBufferPointer($0)) }
            ?? hasher.update(data: Array(bytes))
        return Hex.encode(hasher.finalize())
    }

    /// Parses a line strictly: canonical JSON, exactly the five members, each of the documented form.
    public init(bytes: some Collection<UInt8>) throws(LedgerError) {
        let value = try CanonicalJSON.parseCanonical(bytes)
        guard case .object(let object) = value else {
            throw LedgerError(.invalidFormat, "line is not a JSON object; see docs/FORMAT.md")
        }
        guard object.count == 5, object["v"] != nil, object["seq"] != nil, object["prev"] != nil,
              object["event"] != nil, object["sig"] != nil else {
            throw LedgerError(.invalidFormat, "line must have exactly the members v, seq, prev, event, sig")
        }
        guard object["v"]?.integerValue == Int64(MutualLedger.formatVersion) else {
            throw LedgerError(.invalidFormat, "line format version is not \(MutualLedger.formatVersion); use a Mutual that reads this version")
        }
        guard let seq = object["seq"]?.intValue, seq >= 0 else {
            throw LedgerError(.invalidFormat, "line seq must be a non-negative integer")
        }
        guard let prev = object["prev"]?.stringValue, prev.utf8.count == 64, Hex.decode(prev) != nil else {
            throw LedgerError(.invalidFormat, "line prev must be 64 lowercase hex digits")
        }
        guard let sigText = object["sig"]?.stringValue, let signature = Base64.decode(sigText), signature.count == 64 else {
            throw LedgerError(.invalidFormat, "line sig must be standard base64 of a 64-byte Ed25519 signature")
        }
        let event = try Event(json: object["event"] ?? .null)
        self.init(seq: seq, prev: prev, signed: SignedEvent(event: event, signature: signature))
    }
}
