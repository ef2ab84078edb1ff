import Crypto

/// A 32-byte SHA-256 value: a leaf hash, an interior node hash or a tree root.
///
/// ```swift
/// let h = Merkle.leafHash(Array("L123456".utf8))
/// h.hex       // "395aa064aa4c29f7010acfe3f25db9485bbd4b91897b6ad7ad547639252b4d56"
/// MerkleHash(base64: h.base64) == h   // true
/// ```
public struct MerkleHash: Sendable, Hashable, CustomStringConvertible {
    /// The number of bytes in a hash.
    public static let byteCount = 32

    // The 32 bytes inline (no heap array per hash): four words whose in-memory bytes are the
    // hash's bytes in order, so ``withUnsafeBytes(_:)`` hands them over without a copy.
    private var w0: UInt64, w1: UInt64, w2: UInt64, w3: UInt64

    /// The 32 bytes of the hash, as a new array (hot paths use ``withUnsafeBytes(_:)``).
    public var bytes: [UInt8] { withUnsafeBytes { Array($0) } }

    /// Calls `body` with the 32 bytes of the hash in place.
    public func withUnsafeBytes<R>(_ body: (UnsafeRawBufferPointer) throws -> R) rethrows -> R {
        try Swift.withUnsafeBytes(of: self) { try body(UnsafeRawBufferPointer(rebasing: $0[0..<Self.byteCount])) }
    }

    /// Whether `other` (at least 32 bytes) starts with the bytes of this hash.
    func isEqual(to other: UnsafeRawBufferPointer) -> Bool {
        other.count >= Self.byteCount
            && other.loadUnaligned(fromByteOffset: 0, as: UInt64.self) == w0
            && other.loadUnaligned(fromByteOffset: 8, as: UInt64.self) == w1
            && other.loadUnaligned(fromByteOffset: 16, as: UInt64.self) == w2
            && other.loadUnaligned(fromByteOffset: 24, as: UInt64.self) == w3
    }

    /// The first 32 bytes of `raw`, which must hold at least 32.
    init(loading raw: UnsafeRawBufferPointer) {
        w0 = raw.loadUnaligned(fromByteOffset: 0, as: UInt64.self)
        w1 = raw.loadUnaligned(fromByteOffset: 8, as: UInt64.self)
        w2 = raw.loadUnaligned(fromByteOffset: 16, as: UInt64.self)
        w3 = raw.loadUnaligned(fromByteOffset: 24, as: UInt64.self)
    }

    /// Wraps exactly 32 bytes; returns nil for any other length.
    public init?(bytes: some Sequence<UInt8>) {
        let loaded: MerkleHash?? = bytes.withContiguousStorageIfAvailable { buffer in
            buffer.count == Self.byteCount ? MerkleHash(loading: UnsafeRawBufferPointer(buffer)) : nil
        }
        if let loaded {
            guard let loaded else { return nil }
            self = loaded
            return
        }
        let array = Array(bytes)
        guard array.count == Self.byteCount else { return nil }
        self = array.withUnsafeBytes { MerkleHash(loading: $0) }
    }

    init(digest: SHA256Digest) {
        self = digest.withUnsafeBytes { MerkleHash(loading: $0) }
    }

    /// Parses standard, padded base64 (RFC 4648 §4) of exactly 32 bytes, in its one canonical spelling.
    public init?(base64: some StringProtocol) {
        guard let decoded = Base64.decode(base64), let hash = MerkleHash(bytes: decoded) else { return nil }
        self = hash
    }

    /// Parses 64 lowercase hexadecimal digits.
    public init?(hex: some StringProtocol) {
        guard let decoded = Hex.decode(hex), let hash = MerkleHash(bytes: decoded) else { return nil }
        self = hash
    }

    /// Standard, padded base64 (44 characters), as used in checkpoints.
    public var base64: String { Base64.encode(bytes) }

    /// 64 lowercase hexadecimal digits.
    public var hex: String { Hex.encode(bytes) }

    public var description: String { hex }
}

/// The RFC 6962 Merkle tree hashing rules, and (in extensions) stored hashes and proofs.
///
/// Leaf and node hashes are domain-separated so that a leaf can never be
/// passed off as an interior node:
///
/// ```swift
/// let a = Merkle.leafHash(Array("a".utf8))
/// let b = Merkle.leafHash(Array("b".utf8))
/// let root = Merkle.nodeHash(a, b)   // root of the two-leaf tree ["a", "b"]
/// ```
public enum Merkle {
    /// The root of the empty tree: SHA-256 of the empty string.
    ///
    /// RFC 6962 §2.1 (https://www.rfc-editor.org/rfc/rfc6962#section-2.1): MTH({}) = SHA-256().
    public static let emptyRoot = MerkleHash(digest: SHA256.hash(data: [UInt8]()))

    /// The hash of one leaf: SHA-256(0x00 || bytes).
    ///
    /// RFC 6962 §2.1 (https://www.rfc-editor.org/rfc/rfc6962#section-2.1): MTH({d(0)}) = SHA-256(0x00 || d(0)).
    public static func leafHash(_ bytes: some Sequence<UInt8>) -> MerkleHash {
        var hasher = SHA256()
        hasher.update(data: leafPrefix)
        let hashed: Void? = bytes.withContiguousStorageIfAvailable { hasher.update(bufferPointer: UnsafeRawBufferPointer($0)) }
        if hashed == nil { hasher.update(data: Array(bytes)) }
        return MerkleHash(digest: hasher.finalize())
    }

    /// ``leafHash(_:)`` of bytes in memory, hashed in place (`verify` hashes every line this way).
    public static func leafHash(_ bytes: UnsafeRawBufferPointer) -> MerkleHash {
        var hasher = SHA256()
        hasher.update(data: leafPrefix)
        hasher.update(bufferPointer: bytes)
        return MerkleHash(digest: hasher.finalize())
    }

    private static let leafPrefix: [UInt8] = [0x00]
    private static let nodePrefix: [UInt8] = [0x01]

    /// The hash of an interior node: SHA-256(0x01 || left || right).
    ///
    /// RFC 6962 §2.1 (https://www.rfc-editor.org/rfc/rfc6962#section-2.1): MTH(D[n]) = SHA-256(0x01 || MTH(D[0:k]) || MTH(D[k:n])).
    public static func nodeHash(_ left: MerkleHash, _ right: MerkleHash) -> MerkleHash {
        var hasher = SHA256()
        hasher.update(data: nodePrefix)
        left.withUnsafeBytes { hasher.update(bufferPointer: $0) }
        right.withUnsafeBytes { hasher.update(bufferPointer: $0) }
        return MerkleHash(digest: hasher.finalize())
    }
}
