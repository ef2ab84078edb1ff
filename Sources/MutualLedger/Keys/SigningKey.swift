import Crypto
import CryptoExtras
import Foundation

/// An Ed25519 private key, kept in a PKCS#8 PEM file of mode 0600
/// (the format `openssl genpkey -algorithm ed25519` writes).
///
/// ```swift
/// let key = SigningKey.generate()
/// try key.write(to: URL(fileURLWithPath: "alice.pem"))     // mode 0600, never overwrites
/// let same = try SigningKey.load(from: URL(fileURLWithPath: "alice.pem"))
/// let sig = try same.sign(Array("hello".utf8))
/// ```
public struct SigningKey: Sendable {
    let key: Curve25519.Signing.PrivateKey

    public init(_ key: Curve25519.Signing.PrivateKey) { self.key = key }

    /// A key from its raw 32-byte seed (RFC 8032 "secret key").
    public init(seed: [UInt8]) throws(LedgerError) {
        do {
            self.key = try Curve25519.Signing.PrivateKey(rawRepresentation: seed)
        } catch {
            throw LedgerError(.keyFile, "an Ed25519 private key seed must be 32 bytes", underlying: error)
        }
    }

    /// A fresh random key.
    public static func generate() -> SigningKey { SigningKey(Curve25519.Signing.PrivateKey()) }

    public var publicKey: PublicKey { PublicKey(key.publicKey) }
    public var id: KeyID { publicKey.id }

    /// PKCS#8 PEM text, as `openssl genpkey -algorithm ed25519` writes it.
    public var pem: String { key.pemRepresentation + "\n" }

    /// The 64-byte Ed25519 signature of `message` (deterministic, RFC 8032).
    public func sign(_ message: [UInt8]) throws(LedgerError) -> [UInt8] {
        do {
            return Array(try key.signature(for: message))
        } catch {
            throw LedgerError(.keyFile, "signing failed; check the key file", underlying: error)
        }
    }

    /// Parses PKCS#8 PEM text, with messages that say what kind of key it was if it is not Ed25519.
    public init(pem text: String, source: String = "key") throws(LedgerError) {
        if text.contains("ENCRYPTED PRIVATE KEY") {
            throw LedgerError(.keyFile, "\(source) is encrypted; Mutual needs an unencrypted Ed25519 key (decrypt it with `openssl pkey -in \(source) -out plain.pem`)")
        }
        if text.contains("BEGIN RSA PRIVATE KEY") || text.contains("BEGIN EC PRIVATE KEY") || text.contains("BEGIN PUBLIC KEY") {
            throw LedgerError(.keyFile, "\(source) is not an Ed25519 private key; make one with `mutual key generate --out FILE`")
        }
        guard text.contains("-----BEGIN PRIVATE KEY-----") else {
            throw LedgerError(.keyFile, "\(source) is not a PEM private key; make one with `mutual key generate --out FILE`")
        }
        do {
            self.key = try Curve25519.Signing.PrivateKey(pemRepresentation: text)
        } catch {
            throw LedgerError(.keyFile, "\(source) is not an Ed25519 private key (RSA, P-256 or damaged?); make one with `mutual key generate --out FILE`")
        }
    }

    /// Loads a private key file, refusing files that are readable by group or others.
    public static func load(from url: URL) throws(LedgerError) -> SigningKey {
        let path = url.path
        var info = stat()
        guard stat(path, &info) == 0 else {
            throw LedgerError(.keyFile, "key file \(path) does not exist; check the path or make one with `mutual key generate --out \(path)`")
        }
        guard info.st_mode & S_IFMT == S_IFREG else {
            throw LedgerError(.keyFile, "key file \(path) is not a regular file; give the path of a PEM key file")
        }
        guard info.st_mode & 0o077 == 0 else {
            throw LedgerError(.keyFile, "key file \(path) is readable by group or others; run `chmod 600 \(path)`")
        }
        // Read with pread, not FileManager.contents, which leaks its buffer on some error paths (LeakSanitizer).
        guard info.st_size <= 16_384, let bytes = try? FileIO.readSmallFile(url, limit: 16_384, what: "key file") else {
            throw LedgerError(.keyFile, "key file \(path) cannot be read or is too large to be a key; check the path")
        }
        guard let text = String(validating: bytes, as: UTF8.self) else {
            throw LedgerError(.keyFile, "key file \(path) is not PEM text; make one with `mutual key generate --out FILE`")
        }
        return try SigningKey(pem: text, source: path)
    }

    /// Writes the key as PEM to a new file with mode 0600. Never overwrites an existing file.
    public func write(to url: URL) throws(LedgerError) {
        try FileIO.createExclusive(url, contents: Array(pem.utf8), mode: 0o600, what: "key file")
    }
}
