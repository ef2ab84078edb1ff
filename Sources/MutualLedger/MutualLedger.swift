/// Mutual's domain-agnostic ledger core: canonical JSON, signed event envelopes,
/// keys, the append-only file log, the Merkle tree and the verifier.
public enum MutualLedger {
    /// The version of the ledger line format this library reads and writes.
    public static let formatVersion = 1
}
