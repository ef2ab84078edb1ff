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
        // The id's bits are read once and used for both the reuse check and the insert.
        let idBits = EventIDIndex.bits(line.event.id)
        try checkChain(line)
        try checkEvent(line.signed, seq: count, checkSignature: checkSignature, signingBytes: line.parsedSigningBytes, idBits: idBits)
        apply(line, hash: LedgerLine.hash(of: bytes), idBits: idBits)
    }

    /// ``admit(_:bytes:checkSignature:)`` of a line read into memory (`verify`'s case), not generic:
    /// the generic one runs unspecialised when called across modules or through a closure.
    mutating func admit(_ line: LedgerLine, raw: UnsafeRawBufferPointer, checkSignature: Bool) throws(LedgerError) {
        let idBits = EventIDIndex.bits(line.event.id)
        try checkChain(line)
        try checkEvent(line.signed, seq: count, checkSignature: checkSignature, signingBytes: line.parsedSigningBytes, idBits: idBits)
        apply(line, hash: LedgerLine.hash(of: raw), idBits: idBits)
    }

    /// The checks of ``admit(_:bytes:checkSignature:)`` without admitting.
    public func check(_ line: LedgerLine, checkSignature: Bool) throws(LedgerError) {
        try checkChain(line)
        try checkEvent(line.signed, seq: count, checkSignature: checkSignature, signingBytes: line.parsedSigningBytes)
    }

    /// The seq and prev checks of ``check(_:checkSignature:)``.
    func checkChain(_ line: LedgerLine) throws(LedgerError) {
        let seq = count
        guard line.seq == seq else {
            throw LedgerError(.brokenChain, "expected seq \(seq) but the line says \(line.seq); lines were removed, duplicated or reordered", seq: seq)
        }
        guard line.prev == lastHash else {
            throw LedgerError(.brokenChain, "prev does not match the hash of line \(seq - 1); the line before was changed, removed or reordered", seq: seq)
        }
    }

    /// Checks a signed event as if it were appended next: id, signature, key, core and vocabulary rules.
    public func checkEvent(_ signed: SignedEvent, seq: Int, checkSignature: Bool) throws(LedgerError) {
        try checkEvent(signed, seq: seq, checkSignature: checkSignature, signingBytes: nil)
    }

    /// ``checkEvent(_:seq:checkSignature:)`` with the signed bytes when the caller already has them.
    func checkEvent(_ signed: SignedEvent, seq: Int, checkSignature: Bool, signingBytes: [UInt8]?) throws(LedgerError) {
        try checkEvent(signed, seq: seq, checkSignature: checkSignature, signingBytes: signingBytes, idBits: EventIDIndex.bits(signed.event.id))
    }

    /// ``checkEvent(_:seq:checkSignature:signingBytes:)`` with the id's bits already read (``EventIDIndex/bits(_:)``).
    func checkEvent(_ signed: SignedEvent, seq: Int, checkSignature: Bool, signingBytes: [UInt8]?, idBits: EventIDBits?) throws(LedgerError) {
        let key = try checkBeforeSignature(signed, seq: seq, resolveKey: checkSignature, idBits: idBits)
        if let key, !EventSignature.isValid(signed, signingBytes: signingBytes ?? signed.event.signingBytes, under: key) {
            throw Self.signatureFailure(signed.event.author, seq: seq)
        }
        try checkAfterSignature(signed.event, seq: seq)
    }

    /// The checks of an event that come before its signature's (id, key registry), in the same
    /// order and with the same errors; with `resolveKey`, also finds the key to check the
    /// signature under (or throws as the signature check would). Parallel `verify` checks the
    /// signature itself on another thread, then calls ``checkAfterSignature(_:seq:)``.
    func checkBeforeSignature(_ signed: SignedEvent, seq: Int, resolveKey: Bool) throws(LedgerError) -> PublicKey? {
        try checkBeforeSignature(signed, seq: seq, resolveKey: resolveKey, idBits: EventIDIndex.bits(signed.event.id))
    }

    /// ``checkBeforeSignature(_:seq:resolveKey:)`` with the id's bits already read.
    func checkBeforeSignature(_ signed: SignedEvent, seq: Int, resolveKey: Bool, idBits: EventIDBits?) throws(LedgerError) -> PublicKey? {
        let event = signed.event
        if let earlier = ids.seq(ofBits: idBits) {
            throw LedgerError(.brokenChain, "event id \(event.id) was already used at seq \(earlier); every event needs a new id", seq: seq)
        }
        do {
            try registry.check(event, seq: seq)
            return resolveKey ? try Self.signatureKey(event, registry: registry) : nil
        } catch {
            throw error.at(seq)
        }
    }

    /// The vocabulary's checks, which come after the signature's.
    func checkAfterSignature(_ event: Event, seq: Int) throws(LedgerError) {
        do {
            if event.type != CoreEventType.genesis {
                try rules.check(event, seq: seq, registry: registry, state: state)
            }
        } catch {
            throw error.at(seq)
        }
    }

    /// The key a signature by `event`'s author must verify under (genesis: the key in its body).
    static func signatureKey(_ event: Event, registry: KeyRegistry) throws(LedgerError) -> PublicKey {
        if event.type == CoreEventType.genesis {
            return try GenesisBody(event.body).stewardKey
        } else if let enrolled = registry.publicKey(event.author) {
            return enrolled
        }
        throw LedgerError(.unknownKey, "key \(event.author) is not enrolled in this ledger; ask a steward to enroll it")
    }

    /// The error of a signature that does not verify.
    static func signatureFailure(_ author: KeyID, seq: Int?) -> LedgerError {
        LedgerError(.invalidSignature, "signature does not verify for key \(author); the event was changed after signing or signed by another key", seq: seq)
    }

    /// Checks the signature of `signed` under the key its author names (genesis: the key in its body).
    /// `signingBytes`, if given, must be `signed.event.signingBytes` (it saves re-encoding the event).
    public static func checkSignature(_ signed: SignedEvent, registry: KeyRegistry, signingBytes: [UInt8]? = nil) throws(LedgerError) {
        let key = try signatureKey(signed.event, registry: registry)
        guard EventSignature.isValid(signed, signingBytes: signingBytes ?? signed.event.signingBytes, under: key) else {
            throw signatureFailure(signed.event.author, seq: nil)
        }
    }

    /// Admits a line already checked. Never fails.
    public mutating func apply(_ line: LedgerLine, hash: String) {
        apply(line, hash: hash, idBits: EventIDIndex.bits(line.event.id))
    }

    /// ``apply(_:hash:)`` with the id's bits already read (``EventIDIndex/bits(_:)``).
    mutating func apply(_ line: LedgerLine, hash: String, idBits: EventIDBits?) {
        let event = line.event
        ids.insert(bits: idBits, seq: line.seq)
        if event.type != CoreEventType.genesis {
            rules.apply(event, seq: line.seq, registry: registry, state: &state)
        }
        registry.apply(event, seq: line.seq)
        count = line.seq + 1
        lastHash = hash
    }

    /// Passes each table-backed part (the event ids as `ids`, then the state's parts by name) to
    /// `body`, which may write it out and re-attach it (``FoldTables``, ``FoldSpill``).
    mutating func forEachTablePart(_ body: (String, inout any CacheTableBacked) throws(LedgerError) -> Void) throws(LedgerError) {
        var boxed: any CacheTableBacked = ids
        try body("ids", &boxed)
        if let back = boxed as? EventIDIndex { ids = back }
        if var tabled = state as? any CacheTableState {
            try tabled.forEachCacheTable(body)
            if let back = tabled as? Rules.State { state = back }
        }
    }

    /// Entries the table-backed parts hold in memory (changed since they were last attached).
    var pendingTableEntries: Int {
        var total = ids.pendingCount
        if var tabled = state as? any CacheTableState {
            try? tabled.forEachCacheTable { (_, part) throws(LedgerError) in total += part.pendingCount }
        }
        return total
    }
}
