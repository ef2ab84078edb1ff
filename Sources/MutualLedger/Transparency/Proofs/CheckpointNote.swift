/// Opening a checkpoint note that arrived from outside (a proof file, a witness request):
/// a malformed note is bad input (`.validation`, exit 65); a bad signature, another log's
/// origin or a missing log signature is a failed check (exit 1).
///
/// ```swift
/// let (checkpoint, note) = try CheckpointNote.open(text, logKey: vkey)
/// ```
public enum CheckpointNote {
    /// Parses `text` strictly as a signed checkpoint, verifying nothing.
    public static func parse(_ text: String) throws(LedgerError) -> (Checkpoint, SignedNote) {
        do {
            let note = try SignedNote.parse(Array(text.utf8))
            return (try Checkpoint.parse(note.text), note)
        } catch {
            throw LedgerError(.validation, "the checkpoint is malformed (\(error.message))")
        }
    }

    /// Parses and verifies: a valid signature by `logKey`, and the checkpoint's origin is the key's name.
    public static func open(_ text: String, logKey: NoteVerifierKey) throws(LedgerError) -> (Checkpoint, SignedNote) {
        let (checkpoint, note) = try parse(text)
        guard checkpoint.origin == logKey.name else {
            throw LedgerError(.transparency, "the checkpoint is for log \"\(checkpoint.origin)\" but the key is for \"\(logKey.name)\"; use that log's vkey (`mutual log-key`)")
        }
        let verified = try note.verify(by: [logKey])
        guard verified.contains(logKey) else {
            throw LedgerError(.transparency, "the checkpoint is not signed by the log key \(logKey.name)+\(Hex.encode(logKey.keyHash.bigEndianBytes)); it was not issued by this log")
        }
        return (checkpoint, note)
    }
}
