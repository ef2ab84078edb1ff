import MutualLedger

/// Where in the log a report was computed: how many lines it covers and the hash of the last.
///
/// `checkpoint` carries the signed checkpoint the report is pinned to (see ``ReportMaker``);
/// the runner leaves it nil.
///
/// ```swift
/// let position = LogPosition(count: 42, lastHash: "9f…", checkpoint: nil)
/// position.lastSeq   // 41
/// ```
public struct LogPosition: Sendable, Equatable {
    /// Number of lines covered (seq 0 ..< count).
    public var count: Int
    /// Lowercase hex SHA-256 of line `count - 1`.
    public var lastHash: String
    /// The signed note text of the checkpoint at this position (or the next one issued); nil if none.
    public var checkpoint: String?
    /// When the checkpoint's size exceeds `count`: the inclusion proof of line `count - 1` under it.
    public var lastLineProof: InclusionProof?

    public init(count: Int, lastHash: String, checkpoint: String? = nil, lastLineProof: InclusionProof? = nil) {
        self.count = count
        self.lastHash = lastHash
        self.checkpoint = checkpoint
        self.lastLineProof = lastLineProof
    }

    /// The checkpoint's tree head (origin, size, root), parsed from `checkpoint`.
    public var checkpointHead: Checkpoint? {
        checkpoint.flatMap { try? CheckpointNote.parse($0).0 }
    }

    /// The seq of the last line covered.
    public var lastSeq: Int { count - 1 }
}
