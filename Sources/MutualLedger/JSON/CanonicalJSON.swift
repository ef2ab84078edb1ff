/// Entry points for reading RFC 8785 canonical JSON, the encoding of every ledger line.
///
/// ```swift
/// let v = try CanonicalJSON.parseCanonical(Array(#"{"a":1,"b":[true]}"#.utf8))
/// CanonicalJSON.isCanonical(Array(#"{"b":1, "a":2}"#.utf8))  // false
/// ```
public enum CanonicalJSON {
    /// Parses `bytes` strictly and requires them to be exactly the RFC 8785 encoding of the value.
    ///
    /// ```swift
    /// _ = try CanonicalJSON.parseCanonical(Array(#"{"a":1}"#.utf8))   // ok
    /// _ = try CanonicalJSON.parseCanonical(Array(#"{"a": 1}"#.utf8))  // throws .nonCanonical
    /// ```
    ///
    /// - Throws: ``LedgerError`` with ``LedgerError/Code/invalidJSON`` when the bytes are not
    ///   acceptable JSON at all, or ``LedgerError/Code/nonCanonical`` when they are valid
    ///   but differ from the canonical encoding.
    public static func parseCanonical(_ bytes: some Collection<UInt8>) throws(LedgerError) -> JSONValue {
        if let fast = bytes.withContiguousStorageIfAvailable({ parseCanonicalFast($0) }), let value = fast {
            return value
        }
        let value = try JSONValue(parsing: bytes)
        let canonical = value.canonicalBytes
        var offset = 0
        var differs = canonical.count != bytes.count
        for byte in bytes {
            if offset >= canonical.count || canonical[offset] != byte {
                differs = true
                break
            }
            offset += 1
        }
        if differs {
            throw LedgerError(
                .nonCanonical,
                "the line is not RFC 8785 canonical JSON (first difference at byte \(offset)); "
                    + "re-encode it with JSONValue.canonicalBytes (sorted member names, no whitespace, minimal escapes)")
        }
        return value
    }

    /// The value of `bytes` if they are strictly valid JSON that is canonical by construction,
    /// checked while parsing (no whitespace, member names plain ASCII in strictly increasing order,
    /// only the escapes RFC 8785 writes), without re-encoding; nil for anything else (invalid, not
    /// canonical, or just unusual: a `\u` escape, a non-ASCII member name), which the general
    /// ``parseCanonical(_:)`` then decides, with its error messages. A differential test holds the
    /// two equal.
    static func parseCanonicalFast(_ bytes: UnsafeBufferPointer<UInt8>) -> JSONValue? {
        var parser = StrictJSONParser(bytes: bytes, maxDepth: 64)
        parser.canonicalOnly = true
        guard let value = try? parser.parseDocument(), !parser.notCanonical else { return nil }
        return value
    }

    /// Whether `bytes` are strictly valid JSON in exactly their RFC 8785 canonical encoding.
    ///
    /// ```swift
    /// CanonicalJSON.isCanonical(Array(#"["\u0041"]"#.utf8))  // false: canonical is ["A"]
    /// ```
    public static func isCanonical(_ bytes: some Collection<UInt8>) -> Bool {
        do {
            _ = try parseCanonical(bytes)
            return true
        } catch {
            return false
        }
    }
}
