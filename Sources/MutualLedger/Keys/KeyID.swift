import Crypto

/// The id of an Ed25519 public key: `ed25519:` followed by the lowercase hex
/// of the first 8 bytes of SHA-256 of the raw 32-byte public key.
///
/// ```swift
/// let id = KeyID(publicKey: key.publicKey)
/// print(id)   // ed25519:3f1c0a9b27d4e610
/// ```
public struct KeyID: Sendable, Hashable, Comparable, Codable, CustomStringConvertible {
    public let text: String

    /// The key id of a raw 32-byte Ed25519 public key.
    public init(rawPublicKey: some Sequence<UInt8>) {
        let digest = SHA256.hash(data: Array(rawPublicKey))
        self.text = "ed25519:" + Hex.encode(digest.prefix(8))
    }

    public init(publicKey: Curve25519.Signing.PublicKey) {
        self.init(rawPublicKey: publicKey.rawRepresentation)
    }

    /// Accepts only the exact form `ed25519:` + 16 lowercase hex digits.
    public init?(parsing text: String) {
        guard Self.isWellFormed(text) else { return nil }
        self.text = text
    }

    /// Whether `text` is `ed25519:` then exactly 16 lowercase hex digits (one pass over its bytes).
    static func isWellFormed(_ text: String) -> Bool {
        text.utf8.withContiguousStorageIfAvailable { isWellFormed($0) } ?? isWellFormed(Array(text.utf8))
    }

    private static func isWellFormed(_ bytes: some Collection<UInt8>) -> Bool {
        guard bytes.count == 24 else { return false }
        for (index, byte) in bytes.enumerated() {
            if index < 8 {
                guard byte == prefix[index] else { return false }
            } else if !Hex.isLowercaseDigit(byte) {
                return false
            }
        }
        return true
    }

    private static let prefix: [UInt8] = Array("ed25519:".utf8)

    public var description: String { text }

    public static func < (lhs: KeyID, rhs: KeyID) -> Bool { lhs.text < rhs.text }

    public init(from decoder: any Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        guard let id = KeyID(parsing: text) else {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "not a key id: \(text)"))
        }
        self = id
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(text)
    }
}
