import Crypto
import Foundation
import MutualLedger
import Testing

/// The worked example of docs/TRANSPARENCY.md. Its values were computed
/// independently (Python hashlib and pyca/cryptography), so this test checks
/// both the document and the code.
@Suite struct DocumentedExampleTests {
    static let checkpointNote = """
        example.com/mutual
        3
        NmQuc8JUCrEh46a/lUWwokmCzYMOsT080Z3jzmwCHsE=

        — example.com/mutual HbCVaxKwkw2B7lO+9oR99J8iCI6I0k+xroZHgTZ88OEecaGJuw/ytRyZF6sYCqKvZOPHlolV4hS/ttSdwCgljIsM+QY=
        — witness.example/w1 3xwKNQAAAABlU/EAxwc+rwXizSsgNZTyoRmUioXohNj0EuDpfPdnKKGlSueAu+Y29UGSMHaq34nfxD+y6t7WmhMJcUvnhkwgHkRGDw==

        """

    @Test func treeAndHashesFile() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let store = try HashStore.rebuild(at: dir.appendingPathComponent("hashes"), leaves: [[UInt8]("a".utf8), [UInt8]("b".utf8), [UInt8]("c".utf8)])
        let file = try Data(contentsOf: store.url)
        #expect(file.count == 128)
        #expect(try store.readHashes([0, 1, 2, 3]).map(\.hex) == [
            "022a6979e6dab7aa5ae4c3e5e45f7e977112a7e63593820dbec1ec738a24f93c",
            "57eb35615d47f34ec714cacdf5fd74608a5e8e102724e80b24b287c0c27b6a31",
            "b137985ff484fb600db93107c77b0365c80d78f5b429ded0fd97361d077999eb",
            "597fcb31282d34654c200d3418fca5705c648ebf326ec73d8ddef11841f876d8",
        ])
        let root = try store.root(size: 3)
        #expect(root.hex == "36642e73c2540ab121e3a6bf9545b0a24982cd830eb13d3cd19de3ce6c021ec1")
        #expect(try Merkle.proveInclusion(index: 2, size: 3, reader: store).map(\.hex) == ["b137985ff484fb600db93107c77b0365c80d78f5b429ded0fd97361d077999eb"])
        #expect(try Merkle.proveConsistency(from: 2, to: 3, reader: store).map(\.hex) == ["597fcb31282d34654c200d3418fca5705c648ebf326ec73d8ddef11841f876d8"])
    }

    @Test func signedCheckpoint() throws {
        let log = try NoteVerifierKey(parsing: "example.com/mutual+1db0956b+AYqI4910CfGV/VLbLTy6XXLKZwm/HZQSG/N0iAG0D29c")
        let witness = try NoteVerifierKey(parsing: "witness.example/w1+df1c0a35+BIE5dw6ofRdfVqNUZsNMfszLjYqRtO43ol32D1uPybOU")
        let signer = try NoteSigner(name: "example.com/mutual", privateKey: Curve25519.Signing.PrivateKey(rawRepresentation: [UInt8](repeating: 1, count: 32)))
        let cosigner = try Cosigner(
            name: "witness.example/w1", privateKey: Curve25519.Signing.PrivateKey(rawRepresentation: [UInt8](repeating: 2, count: 32)),
            clock: { Date(timeIntervalSince1970: 1_700_000_000) })
        #expect(signer.verifierKey == log)
        #expect(cosigner.verifierKey == witness)

        let (note, by) = try SignedNote.open(Array(Self.checkpointNote.utf8), verifiers: [log, witness])
        #expect(by == [log, witness])
        let checkpoint = try Checkpoint.parse(note.text)
        #expect(checkpoint.size == 3)
        #expect(note.signatures[1].cosignatureTimestamp == 1_700_000_000)
        #expect(try cosigner.cosign(checkpoint) == note.signatures[1])
        #if os(Linux)
        #expect(try SignedNote.sign(text: checkpoint.text, by: [signer, cosigner]).bytes == Array(Self.checkpointNote.utf8))
        #endif
    }
}
