/// How much of `DIR/checkpoints` a run verified: `count` lines ending at byte `end`, the last
/// starting at `lastOffset` and hashing (newline included) to `lastHash` (hex SHA-256; empty
/// when there is none). The watermark stores it, so the next run reads only the lines after it.
///
/// ```swift
/// var position = CheckpointsPosition()        // nothing verified yet
/// position.count += 1; position.end = 219      // after the first line
/// ```
struct CheckpointsPosition {
    var end: Int64 = 0
    var count = 0
    var lastOffset: Int64 = 0
    var lastHash = ""
}
