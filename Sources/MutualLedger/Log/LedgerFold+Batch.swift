extension LedgerFold {
    /// ``checkBeforeSignature(_:seq:resolveKey:)`` for the bulk append paths, which looked the
    /// event's id up beforehand (``BatchIDs``): `earlier` is the seq its id is already used at,
    /// if any. A reused id goes to the full check, which refuses it with its own error; otherwise
    /// only the key registry's checks remain, in the same order with the same errors.
    ///
    /// ```swift
    /// let key = try fold.checkBeforeSignature(signed, seq: fold.count, earlier: ids.earlier(index), resolveKey: true)
    /// ```
    func checkBeforeSignature(_ signed: SignedEvent, seq: Int, earlier: Int?, resolveKey: Bool) throws(LedgerError) -> PublicKey? {
        if earlier != nil { return try checkBeforeSignature(signed, seq: seq, resolveKey: resolveKey) }
        let event = signed.event
        do {
            try registry.check(event, seq: seq)
            return resolveKey ? try Self.signatureKey(event, registry: registry) : nil
        } catch {
            throw error.at(seq)
        }
    }

    /// This fold with `lastHash` set: a bulk append builds the hash chain beside its checks
    /// (``LineChain``) and restores the last line's hash into the fold afterwards.
    ///
    /// ```swift
    /// let (pending, lastHash) = chain.finish()
    /// let folded = fold.withLastHash(lastHash)
    /// ```
    func withLastHash(_ hash: String) -> LedgerFold {
        LedgerFold(rules: rules, count: count, lastHash: hash, registry: registry, state: state, ids: ids)
    }
}
