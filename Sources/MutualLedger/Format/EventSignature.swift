/// Signing and checking events (RFC 8032 Ed25519 over the domain-separated canonical bytes).
///
/// ```swift
/// let signed = try EventSignature.sign(event, with: key)   // SignedEvent
/// EventSignature.isValid(signed, under: key.publicKey)      // true
/// ```
public enum EventSignature {
    /// Domain separation prefix of the signed bytes (docs/FORMAT.md).
    public static let domain = "mutual/event/v1\n"

    /// Signs `event` with `key`. The event's author must be the key's id.
    public static func sign(_ event: Event, with key: SigningKey) throws(LedgerError) -> SignedEvent {
        guard event.author == key.id else {
            throw LedgerError(.usage, "event author \(event.author) is not the signing key \(key.id); sign with the author's key")
        }
        return SignedEvent(event: event, signature: try key.sign(event.signingBytes))
    }

    /// Whether the signature of `signed` verifies under `key`.
    public static func isValid(_ signed: SignedEvent, under key: PublicKey) -> Bool {
        isValid(signed, signingBytes: signed.event.signingBytes, under: key)
    }

    /// Whether the signature of `signed` verifies over `signingBytes`, which must be `signed.event.signingBytes`
    /// (passed in when the caller already holds them, e.g. sliced from a canonical ledger line).
    static func isValid(_ signed: SignedEvent, signingBytes: [UInt8], under key: PublicKey) -> Bool {
        signed.signature.count == 64 && key.isValidSignature(signed.signature, for: signingBytes)
    }
}
