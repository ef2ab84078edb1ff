import Crypto
import Foundation
import MutualLedger
import Testing

// The example of golang.org/x/mod/sumdb/note (package documentation and example_test.go).
let peterVKey = "PeterNeumann+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW"
let peterSKeyBase64 = "AYEKFALVFGyNhPJEMzD1QIDr+Y7hfZx09iUvxdXHKDFz"  // from "PRIVATE+KEY+PeterNeumann+c74f20a3+…"
let peterText = "If you think cryptography is the answer to your problem,\nthen you don't know what your problem is.\n"
let peterNote = peterText + "\n" + "\u{2014} PeterNeumann x08go/ZJkuBS9UG/SffcvIAQxVBtiFupLLr8pAcElZInNIuGUgYN1FFYC2pZSNXgKvqfqdngotpRZb6KE6RyyBwJnAM=\n"

func peterSigner() throws -> NoteSigner {
    let decoded = try #require(Data(base64Encoded: peterSKeyBase64))
    #expect(decoded.first == 0x01)
    return try NoteSigner(name: "PeterNeumann", privateKey: Curve25519.Signing.PrivateKey(rawRepresentation: decoded.dropFirst()))
}

func fixedKey(_ byte: UInt8) throws -> Curve25519.Signing.PrivateKey {
    try Curve25519.Signing.PrivateKey(rawRepresentation: [UInt8](repeating: byte, count: 32))
}

@Suite struct NoteVerifierKeyTests {
    // Verifier keys published by golang.org/x/mod sumdb/note tests, the signed-note
    // spec example, and transparency-dev/formats note_cosigv1_test.go (one with '+' in
    // its base64, one of type 0x04).
    @Test(arguments: [
        peterVKey,
        "EnochRoot+af0cfe78+ATtqJ7zOtqQtYqOo0CpvDXNlMhV3HeJDpjrASKGLWdop",
        "example.com/foo+530d903a+AekyeRrm56hApGFkyQR4ZCbV54Id2LKaANYcrnKv3U2k",
        "TEST+7997405c+AQcC+FTVKf0jlTdHDY3rbevmnKxxPjigCXlVtGe6RIr6",
        "remora.n621.de+da77ade7+BOvN63jn/bLvkieywe8R6UYAtVtNbZpXh34x7onlmtw2",
    ])
    func parsesAndFormats(_ vkey: String) throws {
        let key = try NoteVerifierKey(parsing: vkey)
        #expect(key.description == vkey)
        #expect(key.publicKey.count == 32)
    }

    @Test func peterFields() throws {
        let key = try NoteVerifierKey(parsing: peterVKey)
        #expect(key.name == "PeterNeumann")
        #expect(key.keyHash == 0xc74f20a3)
        #expect(key.type == .ed25519)
        #expect(try peterSigner().verifierKey == key)
        #expect(try NoteVerifierKey(parsing: "remora.n621.de+da77ade7+BOvN63jn/bLvkieywe8R6UYAtVtNbZpXh34x7onlmtw2").type == .cosignatureV1)
    }

    @Test func rejectsEveryMangling() {
        let b = Array(peterVKey.utf8)
        var accepted: [String] = []
        for i in 0..<b.count {
            for j in (i + 1)...b.count where i != 0 || j != b.count {
                let s = String(decoding: b[i..<j], as: UTF8.self)
                if (try? NoteVerifierKey(parsing: s)) != nil { accepted.append(s) }
            }
            var m = b
            m[i] &+= 1
            let s = String(decoding: m, as: UTF8.self)
            if (try? NoteVerifierKey(parsing: s)) != nil { accepted.append(s) }
        }
        // Wrong key length and unknown type, with their key IDs adjusted (from the Go tests).
        for s in ["PeterNeumann+cc469956+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TWBADKEY==",
                  "PeterNeumann+C74F20A3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW",
                  "Peter Neumann+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW",
                  "+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW"]
        where (try? NoteVerifierKey(parsing: s)) != nil {
            accepted.append(s)
        }
        #expect(accepted.isEmpty, "accepted: \(accepted)")
    }
}

@Suite struct SignedNoteTests {
    @Test func opensGoExample() throws {
        let key = try NoteVerifierKey(parsing: peterVKey)
        let (note, by) = try SignedNote.open(Array(peterNote.utf8), verifiers: [key])
        #expect(note.text == peterText)
        #expect(by == [key])
        #expect(note.signatures.count == 1)
        #expect(note.signatures[0].name == "PeterNeumann")
        #expect(note.signatures[0].keyHash == 0xc74f20a3)
        #expect(note.bytes == Array(peterNote.utf8))
    }

    #if os(Linux)
    // BoringSSL's Ed25519 is deterministic (RFC 8032), like Go's; CryptoKit on Apple platforms randomizes.
    @Test func signsGoExampleByteForByte() throws {
        let note = try SignedNote.sign(text: peterText, by: [peterSigner()])
        #expect(String(decoding: note.bytes, as: UTF8.self) == peterNote)
    }
    #endif

    @Test func roundTripAndTampering() throws {
        let alice = try NoteSigner(name: "alice.example/log", privateKey: fixedKey(1))
        let bob = try NoteSigner(name: "bob.example", privateKey: fixedKey(2))
        let note = try SignedNote.sign(text: "line one\n\nline three\n", by: [alice, bob])
        let parsed = try SignedNote.parse(note.bytes)
        #expect(parsed == note)
        #expect(try parsed.verify(by: [alice.verifierKey, bob.verifierKey]) == [alice.verifierKey, bob.verifierKey])

        // Unknown signers are ignored; a known one is enough.
        #expect(try SignedNote.open(note.bytes, verifiers: [bob.verifierKey]).verifiedBy == [bob.verifierKey])
        // No known signer: open refuses; verify returns nothing.
        let carol = try NoteSigner(name: "carol.example", privateKey: fixedKey(3))
        #expect(try note.verify(by: [carol.verifierKey]).isEmpty)
        #expect(throws: LedgerError.self) { try SignedNote.open(note.bytes, verifiers: [carol.verifierKey]) }
        // Same name, other key: a different key ID, so ignored rather than failed.
        let impostor = try NoteSigner(name: "alice.example/log", privateKey: fixedKey(4))
        #expect(try note.verify(by: [impostor.verifierKey]).isEmpty)

        var tamperedText = note
        tamperedText.text = "line one\n\nline 3\n"
        #expect(throws: LedgerError.self) { try tamperedText.verify(by: [alice.verifierKey]) }
        for bit in [0, 100, 511] {
            var tamperedSig = note
            tamperedSig.signatures[0].signature[bit / 8] ^= UInt8(1) << (bit % 8)
            #expect(throws: LedgerError.self) { try SignedNote.open(tamperedSig.bytes, verifiers: [alice.verifierKey]) }
            // A bad signature by a known key rejects the note even if another known key verifies.
            #expect(throws: LedgerError.self) { try tamperedSig.verify(by: [alice.verifierKey, bob.verifierKey]) }
        }
        #expect(throws: LedgerError.self) { try SignedNote.sign(text: "no newline", by: [alice]) }
        #expect(throws: LedgerError.self) { try SignedNote.sign(text: "tab\there\n", by: [alice]) }
    }

    static let sig = "\u{2014} PeterNeumann x08go/ZJkuBS9UG/SffcvIAQxVBtiFupLLr8pAcElZInNIuGUgYN1FFYC2pZSNXgKvqfqdngotpRZb6KE6RyyBwJnAM=\n"

    @Test(arguments: [
        ("no blank line", "text\n" + sig),
        ("no signatures", "text\n\n"),
        ("no final newline", "text\n\n" + sig.dropLast()),
        ("hyphens, not em dash", "text\n\n-- PeterNeumann x08go/ZJkuBS9UG/SffcvIAQxVBtiFupLLr8pAcElZInNIuGUgYN1FFYC2pZSNXgKvqfqdngotpRZb6KE6RyyBwJnAM=\n"),
        ("no space after dash", "text\n\n\u{2014}PeterNeumann x08go/ZJkuBS9UG/SffcvIAQxVBtiFupLLr8pAcElZInNIuGUgYN1FFYC2pZSNXgKvqfqdngotpRZb6KE6RyyBwJnAM=\n"),
        ("empty name", "text\n\n\u{2014}  x08go/ZJkuBS9UG/SffcvIAQxVBtiFupLLr8pAcElZInNIuGUgYN1FFYC2pZSNXgKvqfqdngotpRZb6KE6RyyBwJnAM=\n"),
        ("plus in name", "text\n\n\u{2014} Peter+Neumann x08go/ZJkuBS9UG/SffcvIAQxVBtiFupLLr8pAcElZInNIuGUgYN1FFYC2pZSNXgKvqfqdngotpRZb6KE6RyyBwJnAM=\n"),
        ("extra field", "text\n\n\u{2014} PeterNeumann x08go/ZJkuBS9UG/SffcvIAQxVBtiFupLLr8pAcElZInNIuGUgYN1FFYC2pZSNXgKvqfqdngotpRZb6KE6RyyBwJnAM= extra\n"),
        ("bad base64", "text\n\n\u{2014} PeterNeumann x08go/ZJkuBS9UG!\n"),
        ("unpadded base64", "text\n\n\u{2014} PeterNeumann x08go/ZJkuBS9UG/SffcvIAQxVBtiFupLLr8pAcElZInNIuGUgYN1FFYC2pZSNXgKvqfqdngotpRZb6KE6RyyBwJnAM\n"),
        ("key ID only", "text\n\n\u{2014} PeterNeumann x08gow==\n"),
        ("carriage return", "text\r\n\n" + sig),
        ("tab", "te\txt\n\n" + sig),
        ("too many signatures", "text\n\n" + String(repeating: sig, count: SignedNote.maxSignatures + 1)),
        ("too long", String(repeating: "a", count: SignedNote.maxBytes) + "\n\n" + sig),
    ])
    func rejectsMalformed(_ reason: String, _ text: String) {
        #expect(throws: LedgerError.self, "\(reason)") { try SignedNote.parse(Array(text.utf8)) }
    }

    @Test func rejectsInvalidUTF8() {
        let bytes = Array("te".utf8) + [0xff] + Array("xt\n\n".utf8) + Array(Self.sig.utf8)
        #expect(throws: LedgerError.self) { try SignedNote.parse(bytes) }
    }

    @Test func lastBlankLineEndsTheText() throws {
        let note = try SignedNote.parse(Array(("text\n\n" + Self.sig + "\n" + Self.sig).utf8))
        #expect(note.text == "text\n\n" + Self.sig)
        #expect(note.signatures.count == 1)
    }

    @Test func acceptsManySignaturesWithinLimits() throws {
        let text = "text\n\n" + String(repeating: Self.sig, count: 16)
        #expect(try SignedNote.parse(Array(text.utf8)).signatures.count == 16)
    }
}
