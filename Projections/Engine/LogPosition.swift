/// Where in the log a report was computed: how many lines it covers and the hash of the last.
///
/// `checkpoint` will carry the signed checkpoint once the transparency work lands; nil for now.
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
    /// The signed checkpoint at this position (transparency issue); nil until then.
    public var checkpoint: String?

    public init(count: Int, lastHash: String, checkpoint: String? = nil) {
        self.count = count
        self.lastHash = lastHash
        self.checkpoint = checkpoint
    }

    /// The seq of the last line covered.
    public var lastSeq: Int { count - 1 }
}
