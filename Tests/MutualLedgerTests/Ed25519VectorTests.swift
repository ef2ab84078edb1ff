import MutualLedger
import Testing

/// RFC 8032 section 7.1, TEST 1, 2 and 3 (secret key, public key, message, signature), through
/// `SigningKey(seed:)`, `sign`, and `PublicKey.isValidSignature`.
struct Ed25519VectorTests {
    struct Vector: Sendable, CustomTestStringConvertible {
        let name: String
        let secretKey: String
        let publicKey: String
        let message: String
        let signature: String
        var testDescription: String { name }
    }

    static let vectors = [
        Vector(name: "TEST 1",
               secretKey: "9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60",
               publicKey: "d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a",
               message: "",
               signature: "e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e06522490155"
                   + "5fb8821590a33bacc61e39701cf9b46bd25bf5f0595bbe24655141438e7a100b"),
        Vector(name: "TEST 2",
               secretKey: "4ccd089b28ff96da9db6c346ec114e0f5b8a319f35aba624da8cf6ed4fb8a6fb",
               publicKey: "3d4017c3e843895a92b70aa74d1b7ebc9c982ccf2ec4968cc0cd55f12af4660c",
               message: "72",
               signature: "92a009a9f0d4cab8720e820b5f642540a2b27b5416503f8fb3762223ebdb69da"
                   + "085ac1e43e15996e458f3613d0f11d8c387b2eaeb4302aeeb00d291612bb0c00"),
        Vector(name: "TEST 3",
               secretKey: "c5aa8df43f9f837bedb7442f31dcb7b166d38535076f094b85ce3a2e0b4458f7",
               publicKey: "fc51cd8e6218a1a38da47ed00230f0580816ed13ba3303ac5deb911548908025",
               message: "af82",
               signature: "6291d657deec24024827e69c3abe01a30ce548a284743a445e3680d7db5ac3ac"
                   + "18ff9b538d16f290ae67f760984dc6594a7c15e9716ed28dc027beceea1ec40a"),
    ]

    @Test(arguments: vectors)
    func signingMatchesRFC8032(vector: Vector) throws {
        let key = try SigningKey(seed: hexBytes(vector.secretKey))
        #expect(key.publicKey.raw == hexBytes(vector.publicKey))
        let signature = try key.sign(hexBytes(vector.message))
        #expect(signature == hexBytes(vector.signature))
        #expect(key.publicKey.isValidSignature(hexBytes(vector.signature), for: hexBytes(vector.message)))
    }

    @Test(arguments: vectors)
    func verificationRejectsChangedInputs(vector: Vector) throws {
        let key = try PublicKey(base64: Base64.encode(hexBytes(vector.publicKey)))
        let message = hexBytes(vector.message)
        var signature = hexBytes(vector.signature)
        #expect(key.isValidSignature(signature, for: message))
        #expect(!key.isValidSignature(signature, for: message + [0]))
        signature[5] ^= 0x01
        #expect(!key.isValidSignature(signature, for: message))
        let other = try SigningKey(seed: Array(repeating: 7, count: 32)).publicKey
        #expect(!other.isValidSignature(hexBytes(vector.signature), for: message))
    }

    @Test func keyIDIsPrefixOfSHA256OfRawKey() throws {
        // SHA-256 of the TEST 1 public key starts with these 8 bytes (checked with `openssl dgst -sha256`).
        let key = try SigningKey(seed: hexBytes(Self.vectors[0].secretKey))
        #expect(key.id.text == "ed25519:21fe31dfa154a261")
        #expect(KeyID(parsing: key.id.text) == key.id)
        #expect(KeyID(parsing: "ed25519:21FE31DFA154A261") == nil)
    }

    @Test func seedMustBe32Bytes() {
        #expect(throws: LedgerError.self) { try SigningKey(seed: Array(repeating: 1, count: 31)) }
    }
}
