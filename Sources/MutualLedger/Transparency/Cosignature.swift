import Crypto
import Foundation

/// A witness: signs checkpoints with timestamped Ed25519 cosignatures (signature type 0x04).
///
/// C2SP tlog-cosignature v1 (https://c2sp.org/tlog-cosignature): the signature
/// bytes are the 8-byte big-endian POSIX timestamp followed by the 64-byte
/// Ed25519 signature of
///
///     cosignature/v1\n
///     time <timestamp>\n
///     <checkpoint note text>
///
/// The clock is injected so tests are deterministic.
///
/// ```swift
/// let witness = try Cosigner(name: "witness.example/w1", privateKey: key, clock: { Date(timeIntervalSince1970: 1679315147) })
/// let line = try witness.cosign(checkpoint).line   // "— witness.example/w1 <base64>\n"
/// ```
public struct Cosigner: NoteSigning {
    public let verifierKey: NoteVerifierKey
    private let privateKey: Curve25519.Signing.PrivateKey
    private let clock: @Sendable () -> Date

    public init(name: String, privateKey: Curve25519.Signing.PrivateKey, clock: @escaping @Sendable () -> Date = { Date() }) throws(LedgerError) {
        self.verifierKey = try NoteVerifierKey(name: name, type: .cosignatureV1, publicKey: privateKey.publicKey)
        self.privateKey = privateKey
        self.clock = clock
    }

    /// The cosignature of `checkpoint`, stamped with the current time of the clock.
    public func cosign(_ checkpoint: Checkpoint) throws(LedgerError) -> NoteSignature {
        NoteSignature(name: verifierKey.name, keyHash: verifierKey.keyHash, signature: try signatureBytes(for: Array(checkpoint.text.utf8)))
    }

    /// timestamp (8 bytes, big-endian) || Ed25519 signature (64 bytes) of ``message(timestamp:body:)``.
    public func signatureBytes(for text: [UInt8]) throws(LedgerError) -> [UInt8] {
        let seconds = clock().timeIntervalSince1970.rounded(.down)
        guard seconds >= 0, seconds < 0x1p63 else {
            throw LedgerError(.transparency, "clock reads \(seconds) s since 1970, outside what a cosignature can carry; fix the clock")
        }
        let timestamp = UInt64(seconds)
        do {
            let signature = try privateKey.signature(for: Self.message(timestamp: timestamp, body: text))
            return timestamp.bigEndianBytes + Array(signature)
        } catch {
            throw LedgerError(.transparency, "Ed25519 cosigning failed for \(verifierKey.name); check the private key", underlying: error)
        }
    }

    /// The signed message: `cosignature/v1\ntime <decimal seconds>\n` then the checkpoint body
    /// (https://c2sp.org/tlog-cosignature#ed25519-signed-message).
    public static func message(timestamp: UInt64, body: [UInt8]) -> [UInt8] {
        Array("cosignature/v1\ntime \(timestamp)\n".utf8) + body
    }
}

extension NoteSignature {
    /// For a cosignature/v1 signature (72 bytes after the key ID): its timestamp,
    /// in seconds since 1970. Nil for any other length or a timestamp above 2^63 − 1.
    ///
    /// ```swift
    /// let sig = try SignedNote.parseSignatureLine(line)
    /// sig.cosignatureTimestamp   // 1727964367
    /// ```
    public var cosignatureTimestamp: UInt64? {
        guard signature.count == 8 + 64 else { return nil }
        let timestamp = signature.prefix(8).reduce(UInt64(0)) { $0 << 8 | UInt64($1) }
        return timestamp <= UInt64(Int64.max) ? timestamp : nil
    }
}

extension UInt64 {
    var bigEndianBytes: [UInt8] {
        (0..<8).map { UInt8(truncatingIfNeeded: self >> (56 - 8 * $0)) }
    }
}
