/// The outcome of verifying a ledger.
///
/// ```swift
/// let report = try ledger.verify()
/// if let failure = report.failure { print(failure) }   // "seq 41: signature does not verify for key ed25519:…"
/// ```
public struct VerificationReport: Sendable, Equatable {
    /// Lines that passed every check, from seq 0.
    public var verified: Int
    /// Hash of the last verified line.
    public var lastHash: String
    /// The first failure, if any; verification stops there.
    public var failure: LedgerError?

    public var isValid: Bool { failure == nil }

    public init(verified: Int, lastHash: String, failure: LedgerError?) {
        self.verified = verified
        self.lastHash = lastHash
        self.failure = failure
    }

    /// The report as JSON for `mutual verify --json` (documented in docs/FORMAT.md).
    public var json: JSONValue {
        var object: [String: JSONValue] = [
            "valid": .bool(isValid),
            "verified": .integer(Int64(verified)),
            "lastHash": .string(lastHash),
        ]
        if let failure {
            object["failure"] = .object([
                "seq": failure.seq.map { .integer(Int64($0)) } ?? .null,
                "code": .string(failure.code.rawValue),
                "message": .string(failure.message),
            ])
        }
        return .object(object)
    }
}
