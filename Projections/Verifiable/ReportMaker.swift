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
    /// Resume from and save the projection snapshot in `DIR/cache/` (see ``RecordReader``).
    public var useSnapshots: Bool

    public init(directory: LedgerDirectory, lockTimeout: Double = 30, useSnapshots: Bool = true) {
        self.directory = directory
        self.lockTimeout = lockTimeout
        self.useSnapshots = useSnapshots
    }

    /// `format`: compute only what that format renders (nil: every part). `progress` is called now
    /// and then while the log is read: (lines read, bytes read, total bytes).
    public func make(_ request: ReportRequest, format: ReportFormat? = nil,
                     progress: (Int, Int64, Int64) -> Void = { _, _, _ in }) throws(LedgerError) -> ReportDocument {
        if request.withProofs && !request.kindTakesProofs {
            throw LedgerError(.usage, "--with-proofs applies to compliance and partnership reports only; drop it for a \(request.kind.rawValue) report")
        }
        let reader = RecordReader(directory: directory, lockTimeout: lockTimeout, useSnapshots: useSnapshots)
        // The stream's per-event state is released once the record is folded, before the report is built.
        let (record, position, reportDate) = try { () throws(LedgerError) in
            var stream = try reader.read(at: request.point, progress: progress).stream
            stream.releaseIndex()
            return (stream.record(), stream.position, stream.reportDate)
        }()
        if let filter = request.partnership, !record.partnerships.keys.contains(filter) {
            throw LedgerError(.notFound, "no partnership \(filter) is registered at this point of the log; see `mutual log --type partnership.registered`")
        }
        var doc = ReportDocument.build(request.kind, record: record, position: position, reportDate: reportDate,
                                       period: request.period, partnership: request.partnership, point: request.point,
                                       format: format)
        let ledger = Ledger(directory: directory, rules: CoreRules(), lockTimeout: lockTimeout)
        guard let anchor = try ledger.anchor(count: Int64(position.count)) else {
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
