/// The one error type of `MutualLedger`.
///
/// Every failure carries a ``Code`` (what kind of problem), a one-line
/// ``message`` that names the problem *and* how to fix it, optionally the
/// log position it concerns, and the underlying cause if there was one.
///
/// ```swift
/// throw LedgerError(.keyFile, "key file alice.pem is readable by others; run `chmod 600 alice.pem`")
/// ```
public struct LedgerError: Error, Sendable, CustomStringConvertible, Equatable {
    /// The kind of failure. Its raw value is stable and appears in `--json` output.
    public enum Code: String, Sendable, CaseIterable {
        /// The bytes are not valid JSON, or use a feature Mutual forbids (floats, duplicate names, ...).
        case invalidJSON = "invalid-json"
        /// The JSON is valid but not in RFC 8785 canonical form.
        case nonCanonical = "non-canonical"
        /// A ledger line or file does not follow the documented format.
        case invalidFormat = "invalid-format"
        /// A signature does not verify.
        case invalidSignature = "invalid-signature"
        /// The author key is not enrolled, or revoked, at that point of the log.
        case unknownKey = "unknown-key"
        /// The hash chain, sequence numbers or event ids are broken.
        case brokenChain = "broken-chain"
        /// The last line of the log is incomplete.
        case tornTail = "torn-tail"
        /// The author is not allowed to record this kind of event.
        case unauthorized = "unauthorized"
        /// An event body is not valid for its type.
        case validation = "validation"
        /// A Merkle proof, checkpoint or signed note does not check out.
        case transparency = "transparency"
        /// A key file is missing, malformed, of the wrong kind, or too readable.
        case keyFile = "key-file"
        /// The command line is wrong.
        case usage = "usage"
        /// Reading or writing a file failed.
        case io = "io"
        /// Another process holds the ledger lock for too long.
        case lockTimeout = "lock-timeout"
        /// Something that must not exist yet already exists.
        case alreadyExists = "already-exists"
        /// Something that must exist does not.
        case notFound = "not-found"
    }

    public var code: Code
    /// One line: the problem and how to fix it.
    public var message: String
    /// The log position the error concerns, when there is one.
    public var seq: Int?
    /// A description of the underlying cause (kept as text so the error stays `Sendable` and `Equatable`).
    public var underlying: String?

    public init(_ code: Code, _ message: String, seq: Int? = nil, underlying: (any Error)? = nil) {
        self.code = code
        self.message = message
        self.seq = seq
        self.underlying = underlying.map { String(describing: $0) }
    }

    /// `seq N: message` when the error concerns a position of the log, else the message.
    public var description: String {
        if let seq { return "seq \(seq): \(message)" }
        return message
    }

    /// The process exit code documented for this failure (see `mutual help`).
    ///
    /// 1: the ledger is invalid or tampered; 64: usage error; 65: bad input data; 74: I/O error.
    public var exitCode: Int32 {
        switch code {
        case .invalidSignature, .unknownKey, .brokenChain, .tornTail, .transparency, .nonCanonical, .invalidFormat:
            return 1
        case .usage:
            return 64
        case .invalidJSON, .validation, .unauthorized, .keyFile, .alreadyExists, .notFound:
            return 65
        case .io, .lockTimeout:
            return 74
        }
    }

    /// A copy of this error positioned at `seq`.
    public func at(_ seq: Int) -> LedgerError {
        var copy = self
        copy.seq = seq
        return copy
    }
}
