import Foundation

extension Ledger {
    /// The note verifier key of the log (`<origin>+<key hash>+<base64(0x01 || key)>`), from the genesis line.
    public func logVerifierKey() throws(LedgerError) -> NoteVerifierKey {
        try directory.requireExisting()
        return try logVerifierKey(LogFile.open(directory.events, writable: false))
    }

    func logVerifierKey(_ log: LogFile) throws(LedgerError) -> NoteVerifierKey {
        let genesis = try genesisBody(log)
        return try NoteVerifierKey(name: genesis.origin, publicKey: genesis.logKey.key)
    }

    /// The body of line 0.
    public func genesisBody() throws(LedgerError) -> GenesisBody {
        try directory.requireExisting()
        return try genesisBody(LogFile.open(directory.events, writable: false))
    }

    /// The body of line 0, read through an open log (no lock taken: line 0 never changes).
    func genesisBody(_ log: LogFile) throws(LedgerError) -> GenesisBody {
        var found: GenesisBody?
        try log.forEachLine(upTo: try log.size()) { (_, raw) throws(LedgerError) -> Bool in
            let line = try LedgerLine(bytes: raw)
            guard line.event.type == CoreEventType.genesis else {
                throw LedgerError(.invalidFormat, "the first line is not ledger.genesis; this is not a Mutual ledger", seq: 0)
            }
            found = try GenesisBody(line.event.body)
            return false
        }
        guard let found else {
            throw LedgerError(.invalidFormat, "the log is empty; it has no genesis line", seq: 0)
        }
        return found
    }

    /// The latest signed checkpoint, verified against the log key.
    public func latestCheckpoint() throws(LedgerError) -> (checkpoint: Checkpoint, note: SignedNote) {
        try directory.requireExisting()
        return try latestCheckpoint(LogFile.open(directory.events, writable: false))
    }

    func latestCheckpoint(_ log: LogFile) throws(LedgerError) -> (checkpoint: Checkpoint, note: SignedNote) {
        let bytes = try FileIO.readSmallFile(directory.checkpoint, limit: SignedNote.maxBytes, what: "checkpoint")
        return try Self.openCheckpoint(bytes, verifier: logVerifierKey(log))
    }

    /// Opens a signed checkpoint note: a valid signature by `verifier`, and a checkpoint of its origin.
    public static func openCheckpoint(_ bytes: [UInt8], verifier: NoteVerifierKey) throws(LedgerError) -> (checkpoint: Checkpoint, note: SignedNote) {
        let (note, _) = try SignedNote.open(bytes, verifiers: [verifier])
        let checkpoint = try Checkpoint.parse(note.text)
        guard checkpoint.origin == verifier.name else {
            throw LedgerError(.transparency, "checkpoint origin \"\(checkpoint.origin)\" is not the log's origin \"\(verifier.name)\"; it belongs to another log")
        }
        return (checkpoint, note)
    }

    /// Every checkpoint issued, oldest first, from `DIR/checkpoints` (one JSON line each:
    /// `{"note":"<signed note text>","size":N}`). Signatures are not checked here.
    public func issuedCheckpoints() throws(LedgerError) -> [SignedNote] {
        guard FileManager.default.fileExists(atPath: directory.checkpoints.path) else { return [] }
        let file = try LogFile.open(directory.checkpoints, writable: false)
        var notes: [SignedNote] = []
        var index = 0
        try file.forEachLine(upTo: try file.size()) { (_, raw) throws(LedgerError) -> Bool in
            index += 1
            let value = try JSONValue(parsing: raw)
            guard let text = value["note"]?.stringValue else {
                throw LedgerError(.transparency, "line \(index) of checkpoints has no \"note\"; run `mutual repair --hashes`")
            }
            do throws(LedgerError) {
                notes.append(try SignedNote.parse(Array(text.utf8)))
            } catch {
                throw LedgerError(.transparency, "checkpoint \(index) of DIR/checkpoints is damaged (\(error.message)); the history of checkpoints was altered, restore it from a backup")
            }
            return true
        }
        return notes
    }

    /// Signs with `logKey` and stores a checkpoint for the tree of `size` leaves with `root`:
    /// `DIR/checkpoint` replaced atomically, and one line appended to `DIR/checkpoints`.
    func issueCheckpoint(origin: String, logKey: SigningKey, size: Int64, root: MerkleHash) throws(LedgerError) {
        let signer = try NoteSigner(name: origin, privateKey: logKey.key)
        let note = try SignedNote.sign(text: Checkpoint(origin: origin, size: size, root: root).text, by: [signer])
        // The history first, then the latest: a crash between the two leaves a latest checkpoint
        // that lags (which `repair` reissues), never one that is missing from the history.
        let created = !FileManager.default.fileExists(atPath: directory.checkpoints.path)
        var line = JSONValue.object(["size": .integer(size), "note": .string(String(decoding: note.bytes, as: UTF8.self))]).canonicalBytes
        line.append(0x0a)
        let fd = open(directory.checkpoints.path, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0o644)
        guard fd >= 0 else {
            throw LedgerError(.io, "cannot open \(directory.checkpoints.path): \(String(cString: strerror(errno))); check the ledger is writable")
        }
        defer { close(fd) }
        try FileIO.writeAll(fd, line, path: directory.checkpoints.path)
        try FileIO.sync(fd, path: directory.checkpoints.path)
        if created { FileIO.syncDirectory(directory.root) }
        try FileIO.replaceAtomically(directory.checkpoint, contents: note.bytes)
    }
}
