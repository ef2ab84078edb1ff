import Crypto
import CryptoExtras

/// An Ed25519 public key as it appears in the ledger: the raw 32 bytes, in standard base64.
///
/// ```swift
/// let key = try PublicKey(base64: "11qYAYKxCrfVS/7TyWQHOg7hcvPapiMlrwIaaPcHURo=")
/// key.id        // ed25519:…
/// key.pem       // -----BEGIN PUBLIC KEY----- (SPKI, as `openssl pkey -pubout` prints)
/// ```
public struct PublicKey: Sendable, Hashable, CustomStringConvertible {
    /// The raw 32-byte key.
    public let raw: [UInt8]
    let key: Curve25519.Signing.PublicKey

    public init(_ key: Curve25519.Signing.PublicKey) {
        self.key = key
        self.raw = Array(key.rawRepresentation)
    }

    /// Parses standard base64 of exactly 32 bytes.
    public init(base64: String) throws(LedgerError) {
        guard let raw = Base64.decode(base64), raw.count == 32 else {
            throw LedgerError(.validation, "public key \"\(base64.prefix(60))\" is not standard base64 of 32 bytes; give the raw Ed25519 public key (`mutual key public --raw FILE`)")
        }
        do {
            self.init(try Curve25519.Signing.PublicKey(rawRepresentation: raw))
        } catch {
            throw LedgerError(.validation, "public key is not a valid Ed25519 key; give the raw Ed25519 public key", underlying: error)
        }
    }

    /// Parses an SPKI PEM public key (`-----BEGIN PUBLIC KEY-----`).
    public init(pem: String) throws(LedgerError) {
        do {
            self.init(try Curve25519.Signing.PublicKey(pemRepresentation: pem))
        } catch {
            throw LedgerError(.keyFile, "not an Ed25519 public key in PEM form; make one with `mutual key public FILE` or `openssl pkey -pubout`", underlying: error)
        }
    }

    public var id: KeyID { KeyID(rawPublicKey: raw) }
    public var base64: String { Base64.encode(raw) }
    /// SPKI PEM, byte-identical to `openssl pkey -pubout`.
    public var pem: String { key.pemRepresentation + "\n" }

    /// Whether `signature` is a valid Ed25519 signature of `message` under this key.
    public func isValidSignature(_ signature: some DataProtocol, for message: some DataProtocol) -> Bool {
        key.isValidSignature(signature, for: message)
    }

    public var description: String { id.text }

    public static func == (lhs: PublicKey, rhs: PublicKey) -> Bool { lhs.raw == rhs.raw }
    public func hash(into hasher: inout Hasher) { hasher.combine(raw) }
}

import Foundation
