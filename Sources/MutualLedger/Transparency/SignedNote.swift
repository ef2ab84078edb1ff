/// One signature line of a signed note: key name, key ID and signature bytes.
///
/// Line format (https://c2sp.org/signed-note#format): em dash U+2014, space, key name, space,
/// base64(4-byte big-endian key ID || signature), newline.
///
/// ```swift
/// let sig = NoteSignature(name: "PeterNeumann", keyHash: 0xc74f20a3, signature: bytes)
/// sig.line   // "— PeterNeumann x08go/ZJku…\n"
/// ```
public struct NoteSignature: Sendable, Hashable {
    /// The key name.
    public var name: String
    /// The key ID.
    public var keyHash: UInt32
    /// The signature bytes after the key ID (64 bytes for type 0x01, 72 for type 0x04).
    public var signature: [UInt8]

    public init(name: String, keyHash: UInt32, signature: [UInt8]) {
        self.name = name
        self.keyHash = keyHash
        self.signature = signature
    }

    /// The signature line, with its final newline.
    public var line: String {
        "\u{2014} \(name) \(Base64.encode(keyHash.bigEndianBytes + signature))\n"
    }
}

/// A signed note (https://c2sp.org/signed-note): a text and its signature lines.
///
/// ```text
/// If you think cryptography is the answer to your problem,
/// then you don't know what your problem is.
///
/// — PeterNeumann x08go/ZJkuBS9UG/SffcvIAQxVBtiFupLLr8pAcElZInNIuGUgYN1FFYC2pZSNXgKvqfqdngotpRZb6KE6RyyBwJnAM=
/// ```
///
/// ```swift
/// let note = try SignedNote.sign(text: "hello\n", by: [signer])
/// let (opened, by) = try SignedNote.open(note.bytes, verifiers: [signer.verifierKey])
/// ```
public struct SignedNote: Sendable, Hashable {
    /// The longest note accepted, in bytes (the spec asks for at least 16 signatures of up to ~5 kB).
    public static let maxBytes = 1 << 20
    /// The most signature lines accepted in one note.
    public static let maxSignatures = 100

    /// The text, ending in a newline.
    public var text: String
    /// The signatures, in order; unknown signers included.
    public var signatures: [NoteSignature]

    public init(text: String, signatures: [NoteSignature] = []) {
        self.text = text
        self.signatures = signatures
    }

    /// The note as bytes: text, blank line, signature lines.
    public var bytes: [UInt8] {
        Array(text.utf8) + [0x0A] + signatures.flatMap { Array($0.line.utf8) }
    }

    /// Signs `text` with every signer, in order.
    public static func sign(text: String, by signers: [any NoteSigning]) throws(LedgerError) -> SignedNote {
        var note = SignedNote(text: text)
        for signer in signers { try note.addSignature(by: signer) }
        return note
    }

    /// Appends a signature of ``text`` by `signer`.
    public mutating func addSignature(by signer: any NoteSigning) throws(LedgerError) {
        try Self.checkText(Array(text.utf8))
        let signature = try signer.signatureBytes(for: Array(text.utf8))
        signatures.append(NoteSignature(name: signer.verifierKey.name, keyHash: signer.verifierKey.keyHash, signature: signature))
    }

    /// Parses a note strictly: valid UTF-8, no control characters but newline, a
    /// text ending in newline, a blank line, then 1 to ``maxSignatures`` well-formed
    /// signature lines, at most ``maxBytes`` in all. Verifies nothing.
    public static func parse(_ bytes: some Collection<UInt8>) throws(LedgerError) -> SignedNote {
        let bytes = Array(bytes)
        guard bytes.count <= maxBytes else { throw malformed("is longer than \(maxBytes) bytes") }
        guard String(validating: bytes, as: UTF8.self) != nil else { throw malformed("is not valid UTF-8") }
        guard !bytes.contains(where: { $0 < 0x20 && $0 != 0x0A }) else { throw malformed("contains a control character") }
        // The text ends at the last blank line (https://c2sp.org/signed-note#format).
        var split: Int?
        var i = bytes.count - 2
        while i >= 0 {
            if bytes[i] == 0x0A && bytes[i + 1] == 0x0A {
                split = i
                break
            }
            i -= 1
        }
        guard let split else { throw malformed("has no blank line before its signatures") }
        let text = Array(bytes[...split])
        let signatureBytes = bytes[(split + 2)...]
        guard signatureBytes.last == 0x0A else { throw malformed("does not end with a signature line and newline") }
        let lines = signatureBytes.dropLast().split(separator: 0x0A, omittingEmptySubsequences: false)
        guard lines.count <= maxSignatures else { throw malformed("has more than \(maxSignatures) signatures") }
        var signatures: [NoteSignature] = []
        for line in lines {
            signatures.append(try parseSignatureLine(String(decoding: line, as: UTF8.self)))
        }
        return SignedNote(text: String(decoding: text, as: UTF8.self), signatures: signatures)
    }

    /// Parses one signature line (without its newline).
    public static func parseSignatureLine(_ line: String) throws(LedgerError) -> NoteSignature {
        guard line.hasPrefix("\u{2014} ") else { throw malformed("has a signature line not starting with an em dash and a space") }
        let rest = line.dropFirst(2)
        let parts = rest.split(separator: " ", omittingEmptySubsequences: false)
        guard parts.count == 2, NoteVerifierKey.isValidName(parts[0]) else {
            throw malformed("has a signature line that is not \"— <name> <base64>\"")
        }
        guard let decoded = Base64.decode(parts[1]), decoded.count > 4 else {
            throw malformed("has a signature that is not canonical base64 of a key ID and a signature")
        }
        return NoteSignature(name: String(parts[0]), keyHash: UInt32(bigEndianBytes: Array(decoded.prefix(4))), signature: Array(decoded.dropFirst(4)))
    }

    /// Verifies the signatures of known keys (same name and key ID) and returns those keys.
    /// Signatures by unknown keys are ignored; a known key's bad signature rejects the note.
    /// Returns an empty array when no known key signed.
    public func verify(by verifiers: [NoteVerifierKey]) throws(LedgerError) -> [NoteVerifierKey] {
        let message = Array(text.utf8)
        try Self.checkText(message)
        var verified: [NoteVerifierKey] = []
        for signature in signatures {
            for key in verifiers where key.name == signature.name && key.keyHash == signature.keyHash {
                guard Self.isValid(signature, by: key, message: message) else {
                    throw LedgerError(.invalidSignature, "signature by \(key.name) (\(Hex.encode(key.keyHash.bigEndianBytes))) does not verify; the note was altered or signed by another key")
                }
                if !verified.contains(key) { verified.append(key) }
            }
        }
        return verified
    }

    /// Parses `bytes` and verifies them; at least one known key must have signed.
    public static func open(_ bytes: some Collection<UInt8>, verifiers: [NoteVerifierKey]) throws(LedgerError) -> (note: SignedNote, verifiedBy: [NoteVerifierKey]) {
        let note = try parse(bytes)
        let verified = try note.verify(by: verifiers)
        guard !verified.isEmpty else {
            let names = note.signatures.map(\.name).joined(separator: ", ")
            throw LedgerError(.transparency, "note is not signed by any trusted key (signed by: \(names)); add the signer's verifier key if you trust it")
        }
        return (note, verified)
    }

    static func isValid(_ signature: NoteSignature, by key: NoteVerifierKey, message: [UInt8]) -> Bool {
        switch key.type {
        case .ed25519:
            return key.isValidSignature(signature.signature, for: message)
        case .cosignatureV1:
            guard let timestamp = signature.cosignatureTimestamp else { return false }
            return key.isValidSignature(Array(signature.signature.dropFirst(8)), for: Cosigner.message(timestamp: timestamp, body: message))
        }
    }

    /// A note text is non-empty, ends in newline, and has no other control characters.
    static func checkText(_ text: [UInt8]) throws(LedgerError) {
        guard text.last == 0x0A else { throw LedgerError(.transparency, "note text must end with a newline; append \"\\n\"") }
        guard !text.contains(where: { $0 < 0x20 && $0 != 0x0A }) else {
            throw LedgerError(.transparency, "note text contains a control character; remove it")
        }
    }

    private static func malformed(_ problem: String) -> LedgerError {
        LedgerError(.invalidFormat, "signed note \(problem); see https://c2sp.org/signed-note for the format")
    }
}
