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
    public var signed: SignedEvent {
        didSet { parsedSigningBytes = nil }   // a changed event must be re-encoded, never matched against old bytes
    }
    /// The bytes the signature covers, sliced from the line it was parsed from (whose canonical form
    /// holds the event's JCS bytes verbatim), so `verify` does not re-encode the event. Nil when the
    /// line was built in memory. Not part of equality: it is derived from `signed`.
    private(set) var parsedSigningBytes: [UInt8]?

    public var event: Event { signed.event }

    /// The exact bytes the author signed: `mutual/event/v1\n` then the JCS bytes of the event.
    public var signingBytes: [UInt8] { parsedSigningBytes ?? signed.event.signingBytes }

    /// `prev` of the first line.
    public static let zeroHash = String(repeating: "0", count: 64)

    public init(seq: Int, prev: String, signed: SignedEvent) {
        self.init(seq: seq, prev: prev, signed: signed, parsedSigningBytes: nil)
    }

    init(seq: Int, prev: String, signed: SignedEvent, parsedSigningBytes: [UInt8]?) {
        self.seq = seq
        self.prev = prev
        self.signed = signed
        self.parsedSigningBytes = parsedSigningBytes
    }

    public static func == (lhs: LedgerLine, rhs: LedgerLine) -> Bool {
        lhs.seq == rhs.seq && lhs.prev == rhs.prev && lhs.signed == rhs.signed
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(seq)
        hasher.combine(prev)
        hasher.combine(signed)
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
        return hasher.finalize().withUnsafeBytes { hexText($0) }
    }

    /// The lowercase hex digits of `bytes`, written straight into the string's storage
    /// (the same text as `Hex.encode`).
    static func hexText(_ bytes: UnsafeRawBufferPointer) -> String {
        String(unsafeUninitializedCapacity: bytes.count * 2) { out in
            for (index, byte) in bytes.enumerated() {
                out[2 * index] = hexDigits[Int(byte >> 4)]
                out[2 * index + 1] = hexDigits[Int(byte & 0x0f)]
            }
            return bytes.count * 2
        }
    }

    private static let hexDigits: [UInt8] = Array("0123456789abcdef".utf8)

    /// Parses a line strictly: canonical JSON, exactly the five members, each of the documented form.
    public init(bytes: some Collection<UInt8>) throws(LedgerError) {
        // One concrete (buffer) implementation: a generic one called from another module runs
        // unspecialized, several times slower (it was half of `report`'s time).
        let parsed = bytes.withContiguousStorageIfAvailable { buffer in Self.parseResult(buffer) }
            ?? Array(bytes).withUnsafeBufferPointer { buffer in Self.parseResult(buffer) }
        self = try parsed.get()
    }

    private static func parseResult(_ buffer: UnsafeBufferPointer<UInt8>) -> Result<LedgerLine, LedgerError> {
        do throws(LedgerError) {
            return .success(try LedgerLine(buffer: buffer))
        } catch {
            return .failure(error)
        }
    }

    private init(buffer bytes: UnsafeBufferPointer<UInt8>) throws(LedgerError) {
        if let scanned = try Self.scan(bytes) {
            self = scanned
            return
        }
        try self.init(general: bytes)
    }

    /// The general reading: the whole line parsed as canonical JSON, then each member checked.
    /// It decides (with its messages) every line ``scan(_:)`` does not take.
    init(general bytes: UnsafeBufferPointer<UInt8>) throws(LedgerError) {
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
        self.init(seq: seq, prev: prev, signed: SignedEvent(event: event, signature: signature),
                  parsedSigningBytes: Self.signingBytes(canonicalLine: bytes, prev: prev, seq: seq, sig: sigText))
    }

    /// The signed bytes of a line already proven canonical: its bytes are `{"event":` + JCS(event)
    /// + `,"prev":…,"seq":…,"sig":…,"v":1}` (members in sorted order), so the event's JCS bytes are
    /// the slice between. Nil (callers then re-encode) if the line does not have exactly that frame.
    static func signingBytes(canonicalLine bytes: UnsafeBufferPointer<UInt8>, prev: String, seq: Int, sig: String) -> [UInt8]? {
        let head = Array(#"{"event":"#.utf8)
        let tail = Array(#","prev":"\#(prev)","seq":\#(seq),"sig":"\#(sig)","v":\#(MutualLedger.formatVersion)}"#.utf8)
        guard bytes.count > head.count + tail.count, bytes.starts(with: head),
              bytes.suffix(tail.count).elementsEqual(tail) else { return nil }
        var signed = Array(EventSignature.domain.utf8)
        signed.reserveCapacity(signed.count + bytes.count - head.count - tail.count)
        signed.append(contentsOf: bytes.dropFirst(head.count).dropLast(tail.count))
        return signed
    }
}
