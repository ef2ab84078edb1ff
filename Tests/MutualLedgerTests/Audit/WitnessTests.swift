import Foundation
import MutualLedger
import Testing

@Suite("Witness cosigning")
struct WitnessTests {
    static func witness(_ seed: UInt8, _ name: String) throws -> Cosigner {
        try Cosigner(name: name, key: SigningKey(seed: Array(repeating: seed, count: 32)), clock: { Date(timeIntervalSince1970: 1_767_225_600) })
    }

    @Test func cosignatureRoundTripAndVerifyWitness() throws {
        let fixture = try LedgerFixture(lines: 5)
        let w1 = try Self.witness(2, "witness.example/w1")
        let w2 = try Self.witness(4, "witness.example/w2")
        let state = fixture.root.appendingPathComponent("w1.json")
        let cosigned = try fixture.ledger.witness(checkpoint: nil, stateFile: state, cosigner: w1, logKey: nil)
        #expect(try cosigned.verify(by: [w1.verifierKey, fixture.vkey]).count == 2)
        #expect(cosigned.signatures.last?.cosignatureTimestamp == 1_767_225_600)
        #expect { try fixture.ledger.checkWitnessed(checkpoint: nil, witnesses: [w1.verifierKey]) } throws: { ($0 as? LedgerError)?.exitCode == 1 }
        #expect(try fixture.ledger.checkWitnessed(checkpoint: cosigned.bytes, witnesses: [w1.verifierKey]).size == 5)
        #expect(try fixture.ledger.addCosignatures(from: cosigned.bytes) == ["witness.example/w1"])
        #expect(try fixture.ledger.addCosignatures(from: cosigned.bytes).isEmpty)
        #expect(try fixture.ledger.checkWitnessed(checkpoint: nil, witnesses: [w1.verifierKey]).size == 5)
        #expect(try fixture.ledger.verify().isValid, "a cosigned checkpoint still verifies")
        #expect(throws: LedgerError.self) { try fixture.ledger.checkWitnessed(checkpoint: nil, witnesses: [w1.verifierKey, w2.verifierKey]) }
        // A newer checkpoint: cosigned again after a consistency check; the old cosignature is not enough.
        try fixture.append(3)
        #expect(throws: LedgerError.self) { try fixture.ledger.checkWitnessed(checkpoint: nil, witnesses: [w1.verifierKey]) }
        let again = try fixture.ledger.witness(checkpoint: nil, stateFile: state, cosigner: w1, logKey: nil)
        #expect(try Checkpoint.parse(again.text).size == 8)
        #expect(try WitnessState.load(from: state)?.size == 8)
    }

    @Test func mergeRefusesADifferentCheckpoint() throws {
        let fixture = try LedgerFixture(lines: 4)
        let w1 = try Self.witness(2, "witness.example/w1")
        let cosigned = try fixture.ledger.witness(checkpoint: nil, stateFile: fixture.root.appendingPathComponent("w.json"), cosigner: w1, logKey: nil)
        try fixture.append(1)
        let before = fixture.bytes(fixture.directory.checkpoint)
        #expect { try fixture.ledger.addCosignatures(from: cosigned.bytes) } throws: { ($0 as? LedgerError)?.exitCode == 65 }
        #expect(fixture.bytes(fixture.directory.checkpoint) == before)
    }

    @Test func splitViewIsRejectedByWitnessAndAuditor() throws {
        // Two histories signed by the same log key; each party holds a checkpoint of the first.
        let fixture = try LedgerFixture(lines: 8)
        let w1 = try Self.witness(2, "witness.example/w1")
        let witnessState = fixture.root.appendingPathComponent("w1.json")
        let auditState = fixture.root.appendingPathComponent("audit.json")
        _ = try fixture.ledger.witness(checkpoint: nil, stateFile: witnessState, cosigner: w1, logKey: nil)
        _ = try fixture.ledger.audit(stateFile: auditState, logKey: nil)
        let witnessBefore = fixture.bytes(witnessState)
        let other = try fixture.fork(keep: 4, extra: 6)
        #expect(try other.vkey == fixture.vkey)
        #expect { try other.ledger.witness(checkpoint: nil, stateFile: witnessState, cosigner: w1, logKey: nil) } throws: {
            ($0 as? LedgerError)?.message.contains("fork") == true
        }
        #expect(fixture.bytes(witnessState) == witnessBefore)
        #expect(throws: LedgerError.self) { try other.ledger.audit(stateFile: auditState, logKey: nil) }
        // Handing the other history's checkpoint to the first ledger's witness fails too.
        let otherCheckpoint = try Data(contentsOf: other.directory.checkpoint)
        #expect(throws: LedgerError.self) { try fixture.ledger.witness(checkpoint: Array(otherCheckpoint), stateFile: witnessState, cosigner: w1, logKey: nil) }
    }

    @Test func witnessRejectsRollback() throws {
        let fixture = try LedgerFixture(lines: 9)
        let w1 = try Self.witness(2, "witness.example/w1")
        let state = fixture.root.appendingPathComponent("w1.json")
        _ = try fixture.ledger.witness(checkpoint: nil, stateFile: state, cosigner: w1, logKey: nil)
        try fixture.rollBack(keep: 6)
        #expect { try fixture.ledger.witness(checkpoint: nil, stateFile: state, cosigner: w1, logKey: nil) } throws: {
            ($0 as? LedgerError)?.message.contains("rolled back") == true
        }
    }
}
