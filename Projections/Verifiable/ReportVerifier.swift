import MutualLedger

/// Checks a JSON report against a ledger: its checkpoint is signed by the ledger's log key and is
/// a tree of the ledger as it stands (consistent with the latest checkpoint, and the log's lines
/// hash to its root), its proofs verify offline, and computing it again at that point with the
/// recorded options gives the same bytes.
///
/// Failures: a malformed report is `.validation` (exit 65); a report that differs, a checkpoint
/// that is not the ledger's, or a proof that fails is `.transparency` or `.invalidSignature` (exit 1).
///
/// ```swift
/// let outcome = try ReportVerifier(directory: dir).verify(reportBytes, withProofs: true)
/// outcome.checkpoint.size   // the size the report is pinned to
/// outcome.proofsChecked     // evidence proofs verified offline
/// ```
public struct ReportVerifier: Sendable {
    public let directory: LedgerDirectory
    public var lockTimeout: Double

    public init(directory: LedgerDirectory, lockTimeout: Double = 30) {
        self.directory = directory
        self.lockTimeout = lockTimeout
    }

    /// What a successful verification established.
    ///
    /// ```swift
    /// print("\(outcome.request.kind.rawValue) at checkpoint \(outcome.checkpoint.size): \(outcome.proofsChecked) proofs")
    /// ```
    public struct Outcome: Sendable, Equatable {
        public var request: ReportRequest
        public var count: Int
        public var checkpoint: Checkpoint
        /// Proofs checked offline: the last-line proof (if any) and, with `withProofs`, every evidence proof.
        public var proofsChecked: Int
        public var byteCount: Int
    }

    public func verify(_ bytes: [UInt8], withProofs: Bool) throws(LedgerError) -> Outcome {
        let body = bytes.last == 0x0a ? Array(bytes.dropLast()) : bytes
        let report: JSONValue
        do {
            report = try ReportJSON.parse(body)
        } catch {
            throw ReportRequest.bad("is not valid JSON (\(error.message))")
        }
        guard report.objectValue != nil else { throw ReportRequest.bad("is not a JSON object") }
        let request = try ReportRequest(json: report["options"])
        guard let count = report["position"]?["count"]?.integerValue, count > 0 else {
            throw ReportRequest.bad("has no position.count")
        }
        guard let note = report["position"]?["checkpoint"]?.stringValue else {
            throw LedgerError(.transparency, "the report carries no checkpoint, so it cannot be tied to the ledger; make it again after `mutual repair --hashes`")
        }
        let ledger = Ledger(directory: directory, rules: CoreRules(), lockTimeout: lockTimeout)
        let logKey = try ledger.logVerifierKey()
        let (checkpoint, _) = try CheckpointNote.open(note, logKey: logKey)

        var proofs: [(seq: Int64, proof: InclusionProof, what: String)] = []
        if let value = report["position"]?["lastLineProof"], !value.isNull {
            proofs.append((count - 1, try Self.proof(value, "position.lastLineProof"), "the last line's proof"))
        }
        if withProofs {
            guard let members = report["evidenceProofs"]?.objectValue else {
                throw LedgerError(.transparency, "the report carries no evidenceProofs; make it with `--with-proofs` to check evidence")
            }
            for (key, value) in members.sorted(by: { $0.key < $1.key }) {
                guard let seq = Int64(key), seq >= 0, String(seq) == key else { throw ReportRequest.bad("has an evidenceProofs key \"\(key)\" that is not a seq") }
                proofs.append((seq, try Self.proof(value, "evidenceProofs.\(key)"), "the evidence proof of seq \(seq)"))
            }
        }
        let lines = try ledger.confirmTree(checkpoint, collecting: Set(proofs.map(\.seq)))
        for item in proofs {
            guard item.proof.checkpoint == note, item.proof.index == item.seq else {
                throw LedgerError(.transparency, "\(item.what) is for seq \(item.proof.index) under another checkpoint; the report was edited")
            }
            guard let line = lines[item.seq] else {
                throw LedgerError(.transparency, "\(item.what) names seq \(item.seq), beyond the checkpoint's size \(checkpoint.size); the report was edited")
            }
            do {
                try item.proof.check(logKey: logKey, line: line)
            } catch {
                throw LedgerError(.transparency, "\(item.what) does not verify (\(error.message)); the report was edited")
            }
        }

        let again = try ReportMaker(directory: directory, lockTimeout: lockTimeout).make(request, format: .json).render(.json)
        guard again == bytes else { throw differs(report, again, bytes) }
        return Outcome(request: request, count: Int(count), checkpoint: checkpoint, proofsChecked: proofs.count, byteCount: bytes.count)
    }

    private static func proof(_ value: JSONValue, _ path: String) throws(LedgerError) -> InclusionProof {
        do {
            return try InclusionProof(parsing: value.canonicalBytes)
        } catch {
            throw ReportRequest.bad("has a malformed \(path) (\(error.message.split(separator: ";").first.map(String.init) ?? error.message))")
        }
    }

    private func differs(_ report: JSONValue, _ again: [UInt8], _ bytes: [UInt8]) -> LedgerError {
        if let recomputed = try? ReportJSON.parse(again.dropLast()), let difference = JSONDifference.first(report, recomputed) {
            return LedgerError(.transparency, "the report differs from the ledger at \(difference.path): the report has \(difference.left), the ledger gives \(difference.right); the report was edited or the ledger changed")
        }
        let offset = zip(again, bytes).prefix { $0 == $1 }.count
        return LedgerError(.transparency, "the report has the ledger's content but not its bytes (first difference at byte \(offset)); give the file exactly as `mutual report` wrote it")
    }
}
