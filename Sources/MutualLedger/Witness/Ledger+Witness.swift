import Foundation

extension Ledger {
    /// Witnesses a checkpoint of this ledger: verifies the log's signature (key from `logKey`, else
    /// the state, else the genesis line: trust on first use), checks that it is consistent with the
    /// last checkpoint this witness cosigned (proof from the ledger's hash store), then returns the
    /// note with the witness's cosignature added (replacing an earlier one by the same key) and
    /// saves the new state. `checkpoint` defaults to `DIR/checkpoint`. On failure the state is unchanged.
    ///
    /// ```swift
    /// let cosigned = try ledger.witness(checkpoint: nil, stateFile: url, cosigner: witness, logKey: nil)
    /// print(String(decoding: cosigned.bytes, as: UTF8.self))
    /// ```
    public func witness(checkpoint bytes: [UInt8]?, stateFile: URL, cosigner: Cosigner, logKey: NoteVerifierKey?) throws(LedgerError) -> SignedNote {
        try directory.requireExisting()
        let log = try LogFile.open(directory.events, writable: false)
        try log.lockShared(timeout: lockTimeout)
        defer { log.unlock() }
        let old = try WitnessState.load(from: stateFile)
        if let old, old.name != cosigner.verifierKey.name {
            throw LedgerError(.usage, "the witness state belongs to witness \(old.name), not \(cosigner.verifierKey.name); use that name or another state file")
        }
        let key: NoteVerifierKey
        if let logKey {
            if let old, old.logKey != logKey.description {
                throw LedgerError(.transparency, "--vkey is not the log key the witness state remembers (\(old.logKey)); use a new state file for another log")
            }
            key = logKey
        } else if let old {
            key = try NoteVerifierKey(parsing: old.logKey)
        } else {
            key = try logVerifierKey(log)
        }
        let input: [UInt8]
        if let bytes { input = bytes } else { input = try latestCheckpointBytes() }
        let (checkpoint, note) = try CheckpointNote.open(String(decoding: input, as: UTF8.self), logKey: key)
        if let old {
            let (previous, _) = try CheckpointNote.parse(old.checkpoint)
            try checkGrowth(from: previous, to: checkpoint, log: log)
        } else if checkpoint.size > 0 {
            // First sight: the checkpoint must at least be a tree this ledger's store holds.
            let store = try openStore(covering: checkpoint.size)
            guard try store.root(size: checkpoint.size) == checkpoint.root else {
                throw LedgerError(.transparency, "the checkpoint's root is not this ledger's root at size \(checkpoint.size); the checkpoint is from another copy of the log")
            }
        }
        var cosigned = note
        cosigned.signatures.removeAll { $0.name == cosigner.verifierKey.name && $0.keyHash == cosigner.verifierKey.keyHash }
        cosigned.signatures.append(try cosigner.cosign(checkpoint))
        var logOnly = note
        logOnly.signatures.removeAll { $0.name != key.name || $0.keyHash != key.keyHash }
        try WitnessState(name: cosigner.verifierKey.name, logKey: key.description, checkpoint: String(decoding: logOnly.bytes, as: UTF8.self), size: checkpoint.size).save(to: stateFile)
        return cosigned
    }

    /// Merges the cosignature lines of `cosigned` into `DIR/checkpoint`, under the ledger's lock,
    /// when its note text is identical to the current checkpoint's. Lines already present (same
    /// key name and ID) and lines by the log key itself are skipped. Returns the names added.
    ///
    /// ```swift
    /// let added = try ledger.addCosignatures(from: bytesFromWitness)   // ["witness.example/w1"]
    /// ```
    public func addCosignatures(from cosigned: [UInt8]) throws(LedgerError) -> [String] {
        try directory.requireExisting()
        let log = try LogFile.open(directory.events, writable: true)
        try log.lockExclusive(timeout: lockTimeout)
        defer { log.unlock() }
        let (current, currentNote) = try latestCheckpoint(log)
        let (incoming, incomingNote) = try CheckpointNote.parse(String(decoding: cosigned, as: UTF8.self))
        guard incomingNote.text == currentNote.text else {
            throw LedgerError(.validation, "the cosigned checkpoint (size \(incoming.size)) is not the ledger's current checkpoint (size \(current.size)); ask the witness to cosign the output of `mutual checkpoint`")
        }
        var merged = currentNote
        var added: [String] = []
        for signature in incomingNote.signatures where signature.name != current.origin {
            guard signature.cosignatureTimestamp != nil else {
                throw LedgerError(.validation, "the signature by \(signature.name) is not a cosignature/v1 (timestamp and Ed25519 signature); only witness cosignatures can be merged")
            }
            if merged.signatures.contains(where: { $0.name == signature.name && $0.keyHash == signature.keyHash }) { continue }
            merged.signatures.append(signature)
            added.append(signature.name)
        }
        guard merged.signatures.count <= SignedNote.maxSignatures else {
            throw LedgerError(.validation, "the checkpoint would carry more than \(SignedNote.maxSignatures) signatures; merge fewer cosignatures")
        }
        if !added.isEmpty { try FileIO.replaceAtomically(directory.checkpoint, contents: merged.bytes) }
        return added
    }

    /// Checks that a checkpoint (`bytes`, else `DIR/checkpoint`) was issued by this ledger (its text is
    /// that of an issued checkpoint, which `verify` has matched against the log), carries the log's
    /// signature, and a valid cosignature by every key in `witnesses`.
    public func checkWitnessed(checkpoint bytes: [UInt8]?, witnesses: [NoteVerifierKey]) throws(LedgerError) -> Checkpoint {
        try directory.requireExisting()
        let log = try LogFile.open(directory.events, writable: false)
        let input: [UInt8]
        if let bytes { input = bytes } else { input = try latestCheckpointBytes() }
        let (checkpoint, note) = try CheckpointNote.open(String(decoding: input, as: UTF8.self), logKey: try logVerifierKey(log))
        let current = try? latestCheckpoint(log)
        if current?.note.text != note.text {
            guard try issuedCheckpoints().contains(where: { $0.text == note.text }) else {
                throw LedgerError(.transparency, "the checkpoint (size \(checkpoint.size)) was never issued by this ledger; it is from another copy of the log")
            }
        }
        let verified = try note.verify(by: witnesses)
        for witness in witnesses where !verified.contains(witness) {
            throw LedgerError(.transparency, "the checkpoint at size \(checkpoint.size) has no cosignature by witness \(witness.name); ask the witness to run `mutual witness` and merge it with `mutual checkpoint --add-cosignatures`")
        }
        return checkpoint
    }

    /// The bytes of `DIR/checkpoint`, unverified.
    func latestCheckpointBytes() throws(LedgerError) -> [UInt8] {
        try FileIO.readSmallFile(directory.checkpoint, limit: SignedNote.maxBytes, what: "checkpoint")
    }
}
