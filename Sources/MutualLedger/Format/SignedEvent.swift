/// An event with its author's signature: what `mutual sign` writes for offline capture,
/// and the `event`/`sig` pair inside every ledger line.
///
/// File form (one canonical JSON line): `{"event":{...},"sig":"<base64>"}`.
///
/// ```swift
/// let signed = try EventSignature.sign(event, with: key)
/// let text = signed.fileBytes          // canonical JSON + "\n"
/// let back = try SignedEvent(fileBytes: text)
/// ```
public struct SignedEvent: Sendable, Hashable {
    public var event: Event
    /// The 64-byte Ed25519 signature.
    public var signature: [UInt8]

    public init(event: Event, signature: [UInt8]) {
        self.event = event
        self.signature = signature
    }

    /// The offline file form: `{"event":…,"sig":…}` as canonical JSON, then `\n`.
    public var fileBytes: [UInt8] {
        var bytes = JSONValue.object(["event": event.json, "sig": .string(Base64.encode(signature))]).canonicalBytes
        bytes.append(0x0a)
        return bytes
    }

    /// Reads the offline file form (a trailing newline is allowed; the JSON must be canonical).
    public init(fileBytes: [UInt8]) throws(LedgerError) {
        var bytes = fileBytes[...]
        if bytes.last == 0x0a { bytes = bytes.dropLast() }
        let value = try CanonicalJSON.parseCanonical(bytes)
        guard case .object(let object) = value, Set(object.keys) == ["event", "sig"] else {
            throw LedgerError(.invalidFormat, "a signed event file holds exactly {\"event\", \"sig\"}; make it with `mutual sign`")
        }
        guard let sigText = object["sig"]?.stringValue, let signature = Base64.decode(sigText), signature.count == 64 else {
            throw LedgerError(.invalidFormat, "sig must be standard base64 of a 64-byte Ed25519 signature")
        }
        self.init(event: try Event(json: object["event"] ?? .null), signature: signature)
    }
}
