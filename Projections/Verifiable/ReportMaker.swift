import MutualLedger

/// Computes a report from a ledger folder and pins it to a signed checkpoint, so that
/// `mutual report verify` can later prove where it came from.
///
/// The checkpoint is the first one issued at exactly the report's line count; when the point
/// (`--at`, or a log that grew without a checkpoint in between) has none of that size, it is the
/// first one issued at the smallest larger size, with an inclusion proof of the report's last
/// line under it (`position.lastLineProof`). Both choices depend only on the ledger prefix, so
/// the same prefix and options give the same bytes.
///
/// ```swift
/// let maker = ReportMaker(directory: dir)
/// let doc = try maker.make(ReportRequest(kind: .compliance, withProofs: true))
/// let bytes = doc.render(.json)   // position.checkpoint, options, evidenceProofs
/// ```
public struct ReportMaker: Sendable {
    public let directory: LedgerDirectory
    public var lockTimeout: Double

    public init(directory: LedgerDirectory, lockTimeout: Double = 30) {
        self.directory = directory
        self.lockTimeout = lockTimeout
    }

    public func make(_ request: ReportRequest) throws(LedgerError) -> ReportDocument {
        if request.withProofs && !request.kindTakesProofs {
            throw LedgerError(.usage, "--with-proofs applies to compliance and partnership reports only; drop it for a \(request.kind.rawValue) report")
        }
        let slice = try ProjectionRunner(directory: directory, lockTimeout: lockTimeout)
            .read(at: request.point, keeping: PartnershipRecordProjection.eventTypes)
        if let filter = request.partnership, !PartnershipRecordProjection().fold(slice.events).partnerships.keys.contains(filter) {
            throw LedgerError(.notFound, "no partnership \(filter) is registered at this point of the log; see `mutual log --type partnership.registered`")
        }
        var doc = ReportDocument.build(request.kind, from: slice, period: request.period, partnership: request.partnership,
                                       point: request.point)
        let ledger = Ledger(directory: directory, rules: CoreRules(), lockTimeout: lockTimeout)
        guard let anchor = try ledger.anchor(count: Int64(slice.position.count)) else {
            if request.withProofs {
                throw LedgerError(.transparency, "no checkpoint covers this point of the log, so evidence cannot be proved; run `mutual repair --hashes` to issue one")
            }
            return doc
        }
        doc.position.checkpoint = anchor.note
        doc.position.lastLineProof = anchor.lastLineProof
        if request.withProofs {
            let proofs = try ledger.inclusionProofs(seqs: doc.citedEvidence.map { Int64($0) }, under: anchor)
            doc.evidenceProofs = Dictionary(uniqueKeysWithValues: proofs.map { (Int($0.key), $0.value) })
        }
        return doc
    }
}
