/// Everything that must be known at a point of the log to judge the next line:
/// the chain position, the key registry, the event ids seen, and the vocabulary's state.
///
/// `verify` and the append path both advance a fold line by line, so the rules
/// a ledger is verified against are exactly the rules it was written under.
///
/// ```swift
/// var fold = LedgerFold(rules: CoreRules())
/// for try (bytes, line) in lines { try fold.admit(line, bytes: bytes, checkSignature: true) }
/// fold.count   // lines admitted
/// ```
public struct LedgerFold<Rules: LedgerRules>: Sendable {
    public let rules: Rules
    /// Number of lines admitted (the next seq).
    public private(set) var count = 0
    /// Hash of the last admitted line (`prev` of the next).
    public private(set) var lastHash = LedgerLine.zeroHash
    public private(set) var registry = KeyRegistry()
    public private(set) var state: Rules.State
    /// Event ids seen, with their seq.
    public private(set) var ids = EventIDIndex()

    public init(rules: Rules) {
        self.rules = rules
        self.state = rules.initialState
    }

    /// Restores a fold saved earlier (the append cache, an auditor's state file): the caller
    /// vouches that these values are those a fold had after admitting `count` lines.
    public init(rules: Rules, count: Int, lastHash: String, registry: KeyRegistry, state: Rules.State, ids: EventIDIndex) {
        self.rules = rules
        self.count = count
        self.lastHash = lastHash
        self.registry = registry
        self.state = state
        self.ids = ids
    }

    /// Checks that `line` may follow the lines admitted so far, then admits it.
    /// On failure nothing changes and the error carries the line's position.
    public mutating func admit(_ line: LedgerLine, bytes: some Collection<UInt8>, checkSignature: Bool) throws(LedgerError) {
        try check(line, checkSignature: checkSignature)
        apply(line, hash: LedgerLine.hash(of: bytes))
    }

    /// The checks of ``admit(_:bytes:checkSignature:)`` without admitting.
    public func check(_ line: LedgerLine, checkSignature: Bool) throws(LedgerError) {
        let seq = count
        guard line.seq == seq else {
            throw LedgerError(.brokenChain, "expected seq \(seq) but the line says \(line.seq); lines were removed, duplicated or reordered", seq: seq)
        }
        guard line.prev == lastHash else {
            throw LedgerError(.brokenChain, "prev does not match the hash of line \(seq - 1); the line before was changed, removed or reordered", seq: seq)
        }
        try checkEvent(line.signed, seq: seq, checkSignature: checkSignature, signingBytes: line.parsedSigningBytes)
    }

    /// Checks a signed event as if it were appended next: id, signature, key, core and vocabulary rules.
    public func checkEvent(_ signed: SignedEvent, seq: Int, checkSignature: Bool) throws(LedgerError) {
        try checkEvent(signed, seq: seq, checkSignature: checkSignature, signingBytes: nil)
    }

    /// ``checkEvent(_:seq:checkSignature:)`` with the signed bytes when the caller already has them.
    func checkEvent(_ signed: SignedEvent, seq: Int, checkSignature: Bool, signingBytes: [UInt8]?) throws(LedgerError) {
        let event = signed.event
        if let earlier = ids.seq(of: event.id) {
            throw LedgerError(.brokenChain, "event id \(event.id) was already used at seq \(earlier); every event needs a new id", seq: seq)
        }
        do {
            try registry.check(event, seq: seq)
            if checkSignature {
                try Self.checkSignature(signed, registry: registry, signingBytes: signingBytes)
            }
            if event.type != CoreEventType.genesis {
                try rules.check(event, seq: seq, registry: registry, state: state)
            }
        } catch {
            throw error.at(seq)
        }
    }

    /// Checks the signature of `signed` under the key its author names (genesis: the key in its body).
    /// `signingBytes`, if given, must be `signed.event.signingBytes` (it saves re-encoding the event).
    public static func checkSignature(_ signed: SignedEvent, registry: KeyRegistry, signingBytes: [UInt8]? = nil) throws(LedgerError) {
        let event = signed.event
        let key: PublicKey
        if event.type == CoreEventType.genesis {
            key = try GenesisBody(event.body).stewardKey
        } else if let enrolled = registry.publicKey(event.author) {
            key = enrolled
        } else {
            throw LedgerError(.unknownKey, "key \(event.author) is not enrolled in this ledger; ask a steward to enroll it")
        }
        guard EventSignature.isValid(signed, signingBytes: signingBytes ?? event.signingBytes, under: key) else {
            throw LedgerError(.invalidSignature, "signature does not verify for key \(event.author); the event was changed after signing or signed by another key")
        }
    }

    /// Admits a line already checked. Never fails.
    public mutating func apply(_ line: LedgerLine, hash: String) {
        let event = line.event
        ids.insert(event.id, seq: line.seq)
        if event.type != CoreEventType.genesis {
            rules.apply(event, seq: line.seq, registry: registry, state: &state)
        }
        registry.apply(event, seq: line.seq)
        count = line.seq + 1
        lastHash = hash
    }
}
