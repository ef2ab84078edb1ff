extension LedgerFold {
    /// Admits `line` (read as `raw`, at `seq`) with every check but the Ed25519 one, which it
    /// hands back for a ``SignatureWorkers`` thread; shared by the parallel `verify` and
    /// `verify --since-watermark`, so both report the first failure as the sequential pass does.
    /// If a rule fails, the signature is checked here first: a bad signature is what the
    /// sequential pass would report.
    ///
    /// ```swift
    /// let item = try fold.admitDeferringSignature(line, bytes: raw, seq: fold.count)
    /// batch.append(item)                   // workers.submit(batch) later
    /// ```
    mutating func admitDeferringSignature(_ line: LedgerLine, bytes raw: UnsafeRawBufferPointer, seq: Int) throws(LedgerError) -> SignatureWorkers.Item {
        try checkChain(line)
        let idBits = EventIDIndex.bits(line.event.id)
        guard let key = try checkBeforeSignature(line.signed, seq: seq, resolveKey: true, idBits: idBits) else {
            throw LedgerError(.invalidSignature, "no key to check the signature under", seq: seq)
        }
        let item = SignatureWorkers.Item(seq: seq, key: key, message: line.signingBytes, signature: line.signed.signature,
                                         author: line.event.author, prev: line.prev)
        do throws(LedgerError) {
            try checkAfterSignature(line.event, seq: seq)
        } catch {
            // The sequential pass checks the signature first: report it if it fails too.
            let valid = item.signature.count == 64 && item.key.isValidSignature(item.signature, for: item.message)
            throw valid ? error : LedgerFold<Rules>.signatureFailure(item.author, seq: seq)
        }
        apply(line, hash: LedgerLine.hash(of: raw), idBits: idBits)
        return item
    }
}
