import Crypto
import Foundation
import MutualLedger
import Testing

// The example of c2sp.org/tlog-checkpoint and c2sp.org/tlog-cosignature.
let sofaText = "example.com/behind-the-sofa\n20852163\nCsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I=\n"

@Suite struct CheckpointTests {
    @Test func parsesSpecExample() throws {
        let cp = try Checkpoint.parse(sofaText)
        #expect(cp.origin == "example.com/behind-the-sofa")
        #expect(cp.size == 20852163)
        #expect(cp.root.base64 == "CsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I=")
        #expect(cp.extensions.isEmpty)
        #expect(cp.text == sofaText)
    }

    @Test(arguments: [Int64(0), 1, 7, Int64.max])
    func roundTrips(size: Int64) throws {
        let cp = Checkpoint(origin: "mutual.example/ledger", size: size, root: Merkle.leafHash([1]), extensions: ["ext one", "x"])
        #expect(try Checkpoint.parse(cp.text) == cp)
        #expect(cp.text.hasPrefix("mutual.example/ledger\n\(size)\n"))
    }

    static let root = "CsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I="

    @Test(arguments: [
        "",
        "example.com\n1\n\(root)",                   // no final newline
        "example.com\n1\n",                           // no root
        "\n1\n\(root)\n",                             // empty origin
        "example.com\n01\n\(root)\n",                 // leading zero
        "example.com\n00\n\(root)\n",
        "example.com\n-1\n\(root)\n",
        "example.com\n+1\n\(root)\n",
        "example.com\n 1\n\(root)\n",
        "example.com\n1.0\n\(root)\n",
        "example.com\n0x1\n\(root)\n",
        "example.com\n\n\(root)\n",
        "example.com\n9223372036854775808\n\(root)\n",  // 2^63
        "example.com\n1\nCsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxqw==\n",  // 31 bytes
        "example.com\n1\nCsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I\n",   // unpadded
        "example.com\n1\nCsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2J=\n",  // stray bits
        "example.com\n1\n\(root)\n\nextension\n",   // empty extension line
        "example.com\n1\n\(root)\n\n",
        "example.com\r\n1\n\(root)\n",
    ])
    func rejects(_ text: String) {
        #expect(throws: LedgerError.self) { try Checkpoint.parse(text) }
    }
}

@Suite struct CosignatureTests {
    static let time: Date = Date(timeIntervalSince1970: 1679315147)

    @Test func signedMessageMatchesSpec() {
        let message = Cosigner.message(timestamp: 1679315147, body: Array(sofaText.utf8))
        #expect(String(decoding: message, as: UTF8.self) == "cosignature/v1\ntime 1679315147\n" + sofaText)
    }

    // From transparency-dev/formats note_cosigv1_test.go.
    @Test func readsPublishedTimestamp() throws {
        let sig = try SignedNote.parseSignatureLine("\u{2014} w ZGhGuQAAAABm/qTPeyKXD+R2rzyQsxPiP8mXum7qq/iF0u4vanlqJyocWODBt97w9uL+8qT7S5gxEHWWOworDcFiEBYJXORmnFBOBA==")
        #expect(sig.cosignatureTimestamp == 1727964367)
        let plain = try SignedNote.parseSignatureLine("\u{2014} w eQjRQm6eSKzFoiYalgwCPXu2y3ijtg68is9M46JKxuZB+dRfTmeQeDBoXnvxZx2ugnkyV+MUMLXpWs1hPb/W/4xkNQY=")
        #expect(plain.cosignatureTimestamp == nil)
    }

    @Test func roundTripWithFixedClock() throws {
        let witness = try Cosigner(name: "witness.example/w1", privateKey: fixedKey(9), clock: { Self.time })
        let log = try NoteSigner(name: "example.com/behind-the-sofa", privateKey: fixedKey(8))
        let vkey = witness.verifierKey.description
        #expect(vkey.hasPrefix("witness.example/w1+"))
        #expect(vkey.split(separator: "+")[2].hasPrefix("B"))  // base64 of 0x04 || key
        #expect(try NoteVerifierKey(parsing: vkey) == witness.verifierKey)

        let cp = try Checkpoint.parse(sofaText)
        let cosig = try witness.cosign(cp)
        #expect(cosig.signature.count == 72)
        #expect(cosig.cosignatureTimestamp == 1679315147)
        #expect(Array(cosig.signature.prefix(8)) == [0, 0, 0, 0, 0x64, 0x18, 0x50, 0xcb])
        #expect(cosig.line.hasPrefix("\u{2014} witness.example/w1 "))
        #expect(try SignedNote.parseSignatureLine(String(cosig.line.dropLast())) == cosig)
        #expect(try witness.cosign(cp) == cosig)  // same clock, deterministic

        var note = try SignedNote.sign(text: cp.text, by: [log])
        note.signatures.append(cosig)
        let (opened, by) = try SignedNote.open(note.bytes, verifiers: [log.verifierKey, witness.verifierKey])
        #expect(by == [log.verifierKey, witness.verifierKey])
        #expect(try Checkpoint.parse(opened.text) == cp)

        // A plain (0x01) key for the same witness has another key ID: ignored.
        let plain = try NoteVerifierKey(name: "witness.example/w1", type: .ed25519, publicKey: fixedKey(9).publicKey)
        #expect(try note.verify(by: [plain]).isEmpty)

        // The signature covers the checkpoint and the timestamp.
        var otherTree = note
        otherTree.text = Checkpoint(origin: cp.origin, size: cp.size + 1, root: cp.root).text
        #expect(throws: LedgerError.self) { try otherTree.verify(by: [witness.verifierKey]) }
        var otherTime = note
        otherTime.signatures[1].signature[7] ^= 1
        #expect(throws: LedgerError.self) { try otherTime.verify(by: [witness.verifierKey]) }
    }

    @Test func rejectsClockBefore1970() throws {
        let witness = try Cosigner(name: "w", privateKey: fixedKey(9), clock: { Date(timeIntervalSince1970: -1) })
        #expect(throws: LedgerError.self) { try witness.cosign(Checkpoint.parse(sofaText)) }
    }
}
