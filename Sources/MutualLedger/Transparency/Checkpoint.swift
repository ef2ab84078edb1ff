/// A transparency-log checkpoint: the text of a signed note naming a tree head.
///
/// Format (https://c2sp.org/tlog-checkpoint#note-text): origin line, tree size in
/// decimal (no leading zeros), base64 of the 32-byte RFC 6962 root, then optional
/// non-empty extension lines; every line ends in a newline.
///
/// ```swift
/// let cp = Checkpoint(origin: "example.com/behind-the-sofa", size: 20852163, root: root)
/// cp.text   // "example.com/behind-the-sofa\n20852163\nCsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I=\n"
/// try Checkpoint.parse(cp.text) == cp   // true
/// ```
public struct Checkpoint: Sendable, Hashable {
    /// The log's identity, for example `example.com/log42`.
    public var origin: String
    /// The number of leaves in the tree.
    public var size: Int64
    /// The RFC 6962 root of the tree of `size` leaves.
    public var root: MerkleHash
    /// Extension lines (without newlines); opaque, usually none.
    public var extensions: [String]

    public init(origin: String, size: Int64, root: MerkleHash, extensions: [String] = []) {
        self.origin = origin
        self.size = size
        self.root = root
        self.extensions = extensions
    }

    /// The note text: `origin\nsize\nbase64(root)\n` then each extension line and a newline.
    public var text: String {
        ([origin, String(size), root.base64] + extensions).map { $0 + "\n" }.joined()
    }

    /// Parses a checkpoint note text strictly.
    public static func parse(_ text: String) throws(LedgerError) -> Checkpoint {
        guard text.hasSuffix("\n") else { throw malformed("does not end with a newline") }
        let lines = text.dropLast().split(separator: "\n", omittingEmptySubsequences: false)
        guard lines.count >= 3 else { throw malformed("has fewer than three lines (origin, size, root)") }
        for line in lines where line.unicodeScalars.contains(where: { $0.value < 0x20 || $0.value == 0x7F }) {
            throw malformed("contains a control character")
        }
        let origin = String(lines[0])
        guard !origin.isEmpty else { throw malformed("has an empty origin line") }
        let sizeText = lines[1]
        guard !sizeText.isEmpty, sizeText.utf8.allSatisfy({ (0x30...0x39).contains($0) }) else {
            throw malformed("has a size line that is not a decimal number")
        }
        guard sizeText == "0" || !sizeText.hasPrefix("0") else { throw malformed("has a size with a leading zero") }
        guard let size = Int64(sizeText) else { throw malformed("has a size that does not fit in 63 bits") }
        guard let root = MerkleHash(base64: lines[2]) else {
            throw malformed("has a root line that is not canonical base64 of 32 bytes")
        }
        let extensions = lines.dropFirst(3).map(String.init)
        guard extensions.allSatisfy({ !$0.isEmpty }) else { throw malformed("has an empty extension line") }
        return Checkpoint(origin: origin, size: size, root: root, extensions: extensions)
    }

    private static func malformed(_ problem: String) -> LedgerError {
        LedgerError(.invalidFormat, "checkpoint \(problem); see https://c2sp.org/tlog-checkpoint for the format")
    }
}
