import Foundation

/// Event ids: lowercase RFC 4122 UUID text.
///
/// ```swift
/// EventID.isValid("7f0c2a9e-3b1d-4c55-9a0e-2f6d8b1c4e77")  // true
/// EventID.random()                                       // a fresh lowercase v4 UUID
/// ```
public enum EventID {
    public static func random() -> String { UUID().uuidString.lowercased() }

    public static func isValid(_ text: String) -> Bool {
        // The text's UTF-8 storage read in place (no array per id: `verify` checks one per line).
        text.utf8.withContiguousStorageIfAvailable { isValid($0) } ?? isValid(Array(text.utf8))
    }

    private static func isValid(_ bytes: some Collection<UInt8>) -> Bool {
        guard bytes.count == 36 else { return false }
        for (index, byte) in bytes.enumerated() {
            if index == 8 || index == 13 || index == 18 || index == 23 {
                if byte != UInt8(ascii: "-") { return false }
            } else if !((byte >= 0x30 && byte <= 0x39) || (byte >= 0x61 && byte <= 0x66)) {
                return false
            }
        }
        return true
    }
}

/// Event type names: lowercase words (letters, digits, `-`) joined by dots, e.g. `visit.recorded`.
public enum EventType {
    /// One pass over the UTF-8 bytes (no Foundation substring search, no split).
    public static func isValid(_ text: String) -> Bool {
        text.utf8.withContiguousStorageIfAvailable { isValid($0) } ?? isValid(Array(text.utf8))
    }

    private static func isValid(_ bytes: some Collection<UInt8>) -> Bool {
        guard bytes.count <= 64 else { return false }
        var dots = 0
        var partStart = true   // the next byte starts a word: it must be a-z
        for byte in bytes {
            let letter = byte >= 0x61 && byte <= 0x7a
            if partStart {
                guard letter else { return false }
                partStart = false
            } else if byte == 0x2e {
                dots += 1
                partStart = true
            } else if !(letter || (byte >= 0x30 && byte <= 0x39) || byte == 0x2d) {
                return false
            }
        }
        return dots > 0 && !partStart
    }
}

/// User-chosen identifiers for partnerships, orgs, visits, people: `[a-z0-9][a-z0-9._-]{0,63}`.
///
/// ```swift
/// Identifier.isValid("ukug-1")   // true
/// Identifier.isValid("UKUG")     // false
/// ```
public enum Identifier {
    public static func isValid(_ text: String) -> Bool {
        text.utf8.withContiguousStorageIfAvailable { isValid($0) } ?? isValid(Array(text.utf8))
    }

    private static func isValid(_ bytes: some Collection<UInt8>) -> Bool {
        guard let first = bytes.first, bytes.count <= 64, isAlnum(first) else { return false }
        return bytes.allSatisfy { isAlnum($0) || $0 == 0x2e || $0 == 0x5f || $0 == 0x2d }
    }

    static func isAlnum(_ byte: UInt8) -> Bool { (byte >= 0x61 && byte <= 0x7a) || (byte >= 0x30 && byte <= 0x39) }
}
