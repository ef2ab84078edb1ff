import Foundation
import MutualLedger
import Testing

/// Proofs from a real ledger, checked by the offline check functions, for every (index, size)
/// and (from, to) up to 64, and rejected after single bit flips.
@Suite("Ledger proofs (exhaustive to 64)")
struct LedgerProofTests {
    static let size = 64

    @Test func everyInclusionProofVerifiesAndFailsAfterABitFlip() throws {
        let fixture = try LedgerFixture(lines: Self.size)
        let vkey = try fixture.vkey
        var rng = SplitMix64(seed: 5)
        var checked = 0
        for size in 1...Int64(Self.size) {
            for index in 0..<size {
                let proof = try fixture.ledger.proveInclusion(seq: index, size: size)
                #expect(proof.size == size && proof.index == index)
                let line = try fixture.line(Int(index))
                try proof.check(logKey: vkey, line: line)
                checked += 1
                // Every hash of the path, and the leaf hash, with one sampled bit flipped.
                for position in 0..<proof.hashes.count {
                    var bad = proof
                    bad.hashes[position] = flipBit(bad.hashes[position], Int.random(in: 0..<256, using: &rng))
                    #expect(throws: LedgerError.self) { try bad.check(logKey: vkey, line: line) }
                }
                if let leaf = proof.leafHash {
                    var bad = proof
                    bad.leafHash = flipBit(leaf, Int.random(in: 0..<256, using: &rng))
                    #expect(throws: LedgerError.self) { try bad.check(logKey: vkey) }
                }
            }
        }
        #expect(checked == Self.size * (Self.size + 1) / 2)
    }

    @Test func everyConsistencyProofVerifiesAndFailsAfterABitFlip() throws {
        let fixture = try LedgerFixture(lines: Self.size)
        let vkey = try fixture.vkey
        var rng = SplitMix64(seed: 6)
        var notes: [Int64: [UInt8]] = [:]
        for size in 1...Int64(Self.size) {
            notes[size] = try fixture.ledger.checkpointNote(size: size).note.bytes
        }
        for to in 1...Int64(Self.size) {
            for from in 1...to {
                let proof = try fixture.ledger.proveConsistency(from: from, to: to)
                let old = try #require(notes[from])
                try proof.check(logKey: vkey, old: old)
                for position in 0..<proof.hashes.count {
                    var bad = proof
                    bad.hashes[position] = flipBit(bad.hashes[position], Int.random(in: 0..<256, using: &rng))
                    #expect(throws: LedgerError.self) { try bad.check(logKey: vkey, old: old) }
                }
                if from < to, let wrongOld = notes[from == 1 ? 2 : from - 1] {
                    #expect(throws: LedgerError.self) { try proof.check(logKey: vkey, old: wrongOld) }
                }
            }
        }
    }

    @Test func jsonAndTlogProofRoundTrip() throws {
        let fixture = try LedgerFixture(lines: 11)
        let vkey = try fixture.vkey
        let inclusion = try fixture.ledger.proveInclusion(seq: 6)
        #expect(try InclusionProof(parsing: inclusion.json.canonicalBytes) == inclusion)
        let text = try TlogProof.format(inclusion)
        #expect(text.hasPrefix("c2sp.org/tlog-proof@v1\nindex 6\n"))
        var fromText = try InclusionProof(parsing: Array(text.utf8))
        #expect(fromText.leafHash == nil)
        try fromText.check(logKey: vkey, line: fixture.line(6))
        #expect(throws: LedgerError.self) { try fromText.check(logKey: vkey, line: fixture.line(5)) }
        fromText.leafHash = inclusion.leafHash
        #expect(fromText == inclusion)
        let consistency = try fixture.ledger.proveConsistency(from: 4)
        #expect(try ConsistencyProof(parsing: consistency.json.canonicalBytes) == consistency)
        #expect(consistency.to == 11)
    }

    @Test(arguments: [
        "", "[]", "{\"index\":1}", "{\"index\":-1,\"size\":2,\"hashes\":[],\"checkpoint\":\"x\"}",
        "{\"index\":0,\"size\":2,\"hashes\":[\"AAAA\"],\"checkpoint\":\"x\"}",
        "{\"index\":0,\"size\":2,\"hashes\":[],\"checkpoint\":\"x\",\"extra\":1}",
        "c2sp.org/tlog-proof@v1\nindex 01\n\nx\n", "c2sp.org/tlog-proof@v1\nindex 1\nnot-base64\n\nx\n",
        "c2sp.org/tlog-proof@v1\nindex 1\n",
    ])
    func malformedProofsAreBadInput(_ text: String) {
        #expect { try InclusionProof(parsing: Array(text.utf8)) } throws: { ($0 as? LedgerError)?.exitCode == 65 }
    }

    @Test func aSizeWithoutACheckpointNamesTheFix() throws {
        let fixture = try LedgerFixture(lines: 3)
        _ = try fixture.ledger.append([fixture.ledger.sign(type: "note.added", body: ["a": 1], key: fixture.steward),
                                       fixture.ledger.sign(type: "note.added", body: ["b": 2], key: fixture.steward)])
        #expect { try fixture.ledger.proveInclusion(seq: 0, size: 4) } throws: {
            ($0 as? LedgerError)?.message.contains("--size 5") == true
        }
    }
}
