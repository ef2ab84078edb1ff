import Foundation

/// Standard padded base64 (RFC 4648 §4), strict on decode.
///
/// ```swift
/// Base64.encode([1, 2, 3])   // "AQID"
/// Base64.decode("AQID")      // [1, 2, 3]
/// ```
public enum Base64 {
    /// Standard padded base64 text of `bytes`.
    public static func encode(_ bytes: some Sequence<UInt8>) -> String {
        Data(bytes).base64EncodedString()
    }

    /// The bytes of standard padded base64 text; nil for any other text
    /// (URL-safe alphabet, missing padding, whitespace, or a non-canonical encoding).
    public static func decode(_ text: some StringProtocol) -> [UInt8]? {
        let text = String(text)
        guard let data = Data(base64Encoded: text) else { return nil }
        let bytes = [UInt8](data)
        // Reject non-canonical encodings (stray bits in the last character).
        guard encode(bytes) == text else { return nil }
        return bytes
    }
}
