import Crypto
import Foundation

/// The signature types of c2sp.org/signed-note that Mutual uses.
///
/// ```swift
/// NoteKeyType.ed25519.rawValue        // 0x01
/// NoteKeyType.cosignatureV1.rawValue  // 0x04
/// ```
public enum NoteKeyType: UInt8, Sendable, Hashable {
    /// Plain Ed25519 over the note text (https://c2sp.org/signed-note, "Ed25519 signatures").
    case ed25519 = 0x01
    /// Timestamped Ed25519 witness cosignature (https://c2sp.org/tlog-cosignature).
    case cosignatureV1 = 0x04
}

/// A verifier key ("vkey"): a key name, its 4-byte key ID and its Ed25519 public key.
///
/// Text form (https://c2sp.org/signed-note#verifier-keys): `<name>+<8 hex key ID>+<base64(type || 32-byte public key)>`,
/// where key ID = SHA-256(name || 0x0A || type || public key)[:4].
///
/// ```swift
/// let key = try NoteVerifierKey(parsing: "PeterNeumann+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW")
/// key.name      // "PeterNeumann"
/// key.keyHash   // 0xc74f20a3
/// key.description == "PeterNeumann+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW"
/// ```
public struct NoteVerifierKey: Sendable, Hashable, CustomStringConvertible {
    /// The key name that appears in signature lines.
    public let name: String
    /// The signature type: plain note signature or witness cosignature.
    public let type: NoteKeyType
    /// The 32-byte raw Ed25519 public key.
    public let publicKey: [UInt8]
    /// The key ID that prefixes every signature of this key.
    public let keyHash: UInt32

    /// A verifier key for `publicKey` under `name`.
    public init(name: String, type: NoteKeyType = .ed25519, publicKey: Curve25519.Signing.PublicKey) throws(LedgerError) {
        try Self.checkName(name)
        self.name = name
        self.type = type
        self.publicKey = Array(publicKey.rawRepresentation)
        self.keyHash = Self.keyHash(name: name, type: type, publicKey: self.publicKey)
    }

    /// Parses the text form, checking the name, the key type, the key length and the key ID.
    public init(parsing vkey: String) throws(LedgerError) {
        func bad(_ problem: String) -> LedgerError {
            LedgerError(.transparency, "verifier key \"\(vkey)\" \(problem); expected <name>+<8 hex digits>+<base64 key>")
        }
        // The name may not contain '+'; the base64 may.
        let parts = vkey.split(separator: "+", maxSplits: 2, omittingEmptySubsequences: false)
        guard parts.count == 3 else { throw bad("does not have three +-separated parts") }
        let name = String(parts[0])
        try Self.checkName(name)
        let hashText = parts[1]
        guard hashText.utf8.count == 8, hashText.utf8.allSatisfy({ Hex.isLowercaseDigit($0) }),
              let hashBytes = Hex.decode(hashText)
        else { throw bad("has a key ID that is not 8 lowercase hex digits") }
        guard let key = Base64.decode(parts[2]) else { throw bad("has a key that is not canonical base64") }
        guard let typeByte = key.first, let type = NoteKeyType(rawValue: typeByte) else {
            throw bad("has an unsupported key type (only 0x01 Ed25519 and 0x04 cosignature/v1 are supported)")
        }
        guard key.count == 33 else { throw bad("has a key of \(key.count - 1) bytes, not 32") }
        let publicKey = Array(key.dropFirst())
        do {
            _ = try Curve25519.Signing.PublicKey(rawRepresentation: publicKey)
        } catch {
            throw bad("is not a valid Ed25519 public key")
        }
        let keyHash = Self.keyHash(name: name, type: type, publicKey: publicKey)
        guard keyHash == UInt32(bigEndianBytes: hashBytes) else { throw bad("has a key ID that does not match its name and key") }
        self.name = name
        self.type = type
        self.publicKey = publicKey
        self.keyHash = keyHash
    }

    /// The text form: `<name>+<8 hex key ID>+<base64(type || public key)>`.
    public var description: String {
        "\(name)+\(Hex.encode(keyHash.bigEndianBytes))+\(Base64.encode([type.rawValue] + publicKey))"
    }

    /// key ID = SHA-256(name || 0x0A || type || public key)[:4], read big-endian
    /// (https://c2sp.org/signed-note#signatures; for type 0x04, https://c2sp.org/tlog-cosignature#format).
    public static func keyHash(name: String, type: NoteKeyType, publicKey: [UInt8]) -> UInt32 {
        var hasher = SHA256()
        hasher.update(data: Array(name.utf8) + [0x0A, type.rawValue] + publicKey)
        return UInt32(bigEndianBytes: Array(hasher.finalize().prefix(4)))
    }

    /// Checks an Ed25519 signature by this key over `message`.
    func isValidSignature(_ signature: [UInt8], for message: [UInt8]) -> Bool {
        guard signature.count == 64, let key = try? Curve25519.Signing.PublicKey(rawRepresentation: publicKey) else { return false }
        return key.isValidSignature(signature, for: message)
    }

    /// Key names must be non-empty, without Unicode spaces, '+' or control characters
    /// (https://c2sp.org/signed-note#format).
    static func checkName(_ name: String) throws(LedgerError) {
        guard isValidName(name) else {
            throw LedgerError(.transparency, "key name \"\(name)\" is empty or contains a space, '+' or control character; choose a name like example.com/log")
        }
    }

    static func isValidName(_ name: Substring) -> Bool {
        !name.isEmpty && name.unicodeScalars.allSatisfy { s in
            s != "+" && !s.properties.isWhitespace && s.value >= 0x20 && s.value != 0x7F
        }
    }

    static func isValidName(_ name: String) -> Bool { isValidName(name[...]) }
}

/// Anything that can sign a note: ``NoteSigner`` (type 0x01) and ``Cosigner`` (type 0x04).
///
/// ```swift
/// let signers: [any NoteSigning] = [logSigner, witness]
/// let note = try SignedNote.sign(text: checkpoint.text, by: signers)
/// ```
public protocol NoteSigning: Sendable {
    /// The verifier key matching this signer.
    var verifierKey: NoteVerifierKey { get }
    /// The signature bytes for `text` (without the 4-byte key ID).
    func signatureBytes(for text: [UInt8]) throws(LedgerError) -> [UInt8]
}

/// Signs notes with Ed25519 (signature type 0x01).
///
/// ```swift
/// let signer = try NoteSigner(name: "example.com/log", privateKey: Curve25519.Signing.PrivateKey())
/// let note = try SignedNote.sign(text: "hello\n", by: [signer])
/// ```
public struct NoteSigner: NoteSigning {
    public let verifierKey: NoteVerifierKey
    private let privateKey: Curve25519.Signing.PrivateKey

    public init(name: String, privateKey: Curve25519.Signing.PrivateKey) throws(LedgerError) {
        self.verifierKey = try NoteVerifierKey(name: name, type: .ed25519, publicKey: privateKey.publicKey)
        self.privateKey = privateKey
    }

    /// Ed25519 over the note text (https://c2sp.org/signed-note, "Ed25519 signatures").
    public func signatureBytes(for text: [UInt8]) throws(LedgerError) -> [UInt8] {
        do {
            return Array(try privateKey.signature(for: text))
        } catch {
            throw LedgerError(.transparency, "Ed25519 signing failed for key \(verifierKey.name); check the private key", underlying: error)
        }
    }
}

extension UInt32 {
    init(bigEndianBytes b: [UInt8]) {
        self = b.prefix(4).reduce(0) { $0 << 8 | UInt32($1) }
    }

    var bigEndianBytes: [UInt8] {
        [UInt8(self >> 24), UInt8(self >> 16 & 0xff), UInt8(self >> 8 & 0xff), UInt8(self & 0xff)]
    }
}

