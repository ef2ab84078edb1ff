import Foundation

extension Cosigner {
    /// A witness signing with a key kept in a PEM file (``SigningKey``).
    ///
    /// ```swift
    /// let witness = try Cosigner(name: "witness.example/w1", key: SigningKey.load(from: url))
    /// witness.verifierKey.description   // "witness.example/w1+…+BA…" (type 0x04)
    /// ```
    public init(name: String, key: SigningKey, clock: @escaping @Sendable () -> Date = { Date() }) throws(LedgerError) {
        try self.init(name: name, privateKey: key.key, clock: clock)
    }
}
