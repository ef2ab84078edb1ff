/// Byte-wise forms of ``CellParsing``'s text handling for cells that are plain ASCII (nearly
/// all of them): the same results as the `Character`-wise code, without its Unicode lookups.
/// Anything else (any non-ASCII byte, or a carriage return where lines are split) returns nil
/// and takes the general path.
///
/// ```swift
/// CellParsing.trimmed("  p-017 ")                               // "p-017"
/// CellParsing.asciiItems("a; b;;c", separators: [0x3b, 0x0a])   // ["a", "b", "c"]
/// ```
extension CellParsing {
    /// `text` without leading and trailing whitespace, as `String(text.trimmingWhitespace)`.
    static func trimmed(_ text: String) -> String {
        let fast: String?? = text.utf8.withContiguousStorageIfAvailable { bytes -> String? in
            guard bytes.allSatisfy({ $0 < 0x80 }) else { return nil }
            let (lower, upper) = trimmedRange(bytes, 0, bytes.count)
            if lower == 0, upper == bytes.count { return text }
            return String(decoding: UnsafeBufferPointer(rebasing: bytes[lower..<upper]), as: UTF8.self)
        }
        if let fast, let fast { return fast }
        return String(text.trimmingWhitespace)
    }

    /// ``items(_:separators:)`` of an ASCII text without carriage returns: split at the separator
    /// bytes, each item trimmed, empty items dropped.
    static func asciiItems(_ text: String, separators: [UInt8]) -> [String]? {
        let fast: [String]?? = text.utf8.withContiguousStorageIfAvailable { bytes -> [String]? in
            guard bytes.allSatisfy({ $0 < 0x80 && $0 != 0x0d }) else { return nil }
            var items: [String] = []
            var start = 0
            for index in 0...bytes.count where index == bytes.count || separators.contains(bytes[index]) {
                let (lower, upper) = trimmedRange(bytes, start, index)
                if lower < upper { items.append(String(decoding: UnsafeBufferPointer(rebasing: bytes[lower..<upper]), as: UTF8.self)) }
                start = index + 1
            }
            return items
        }
        return fast ?? nil
    }

    /// The parts of an ASCII `text`, trimmed, split at every `:` (empty parts kept), as
    /// `text.trimmingWhitespace.split(separator: ":", omittingEmptySubsequences: false)`.
    static func asciiColonParts(_ text: String) -> [String]? {
        let fast: [String]?? = text.utf8.withContiguousStorageIfAvailable { bytes -> [String]? in
            guard bytes.allSatisfy({ $0 < 0x80 }) else { return nil }
            let (lower, upper) = trimmedRange(bytes, 0, bytes.count)
            var parts: [String] = []
            var start = lower
            for index in lower...upper where index == upper || bytes[index] == 0x3a {
                parts.append(String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<index]), as: UTF8.self))
                start = index + 1
            }
            return parts
        }
        return fast ?? nil
    }

    /// `lower..<upper` without the ASCII whitespace (tab, line feed, vertical tab, form feed,
    /// carriage return, space: the ASCII characters whose `isWhitespace` is true) at either end.
    private static func trimmedRange(_ bytes: UnsafeBufferPointer<UInt8>, _ lower: Int, _ upper: Int) -> (Int, Int) {
        var lower = lower, upper = upper
        while lower < upper, isWhitespace(bytes[lower]) { lower += 1 }
        while upper > lower, isWhitespace(bytes[upper - 1]) { upper -= 1 }
        return (lower, upper)
    }

    private static func isWhitespace(_ byte: UInt8) -> Bool { byte == 0x20 || (byte >= 0x09 && byte <= 0x0d) }
}
