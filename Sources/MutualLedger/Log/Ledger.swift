import Foundation

/// A ledger on disk: a folder holding the append-only log and what serves it.
///
/// `Rules` is the vocabulary the ledger enforces (``CoreRules`` for the core alone).
/// The clock and the folder are injected so tests are deterministic.
///
/// ```swift
/// let ledger = Ledger(directory: LedgerDirectory(url), rules: CoreRules())
/// try ledger.create(origin: "example.org/ukug", steward: stewardKey)
/// let signed = try ledger.sign(type: "note.added", body: ["text": "hi"], key: stewardKey)
/// let outcome = try ledger.append([signed])          // [.appended(seq: 1)]
/// let report = try ledger.verify()                    // .valid(count: 2, ...)
/// ```
public struct Ledger<Rules: LedgerRules>: Sendable {
    public let directory: LedgerDirectory
    public let rules: Rules
    /// The clock that stamps `recorded`.
    public var clock: @Sendable () -> Date
    /// How long to wait for another process's lock, in seconds.
    public var lockTimeout: Double

    public init(directory: LedgerDirectory, rules: Rules, clock: @escaping @Sendable () -> Date = { Date() }, lockTimeout: Double = 30) {
        self.directory = directory
        self.rules = rules
        self.clock = clock
        self.lockTimeout = lockTimeout
    }

    /// Builds and signs an event authored by `key`, stamped with the ledger's clock.
    public func sign(type: String, schema: Int = 1, body: [String: JSONValue], partnership: String? = nil,
                     occurred: CalendarDate? = nil, id: String? = nil, key: SigningKey) throws(LedgerError) -> SignedEvent {
        try Self.sign(type: type, schema: schema, body: body, partnership: partnership, occurred: occurred,
                      id: id, key: key, recorded: Timestamp(clock()))
    }

    /// Builds and signs an event without a ledger (offline capture).
    public static func sign(type: String, schema: Int = 1, body: [String: JSONValue], partnership: String?,
                            occurred: CalendarDate?, id: String?, key: SigningKey, recorded: Timestamp) throws(LedgerError) -> SignedEvent {
        let event = try makeEvent(type: type, schema: schema, body: body, partnership: partnership, occurred: occurred,
                                  id: id, author: key.id, recorded: recorded)
        return try EventSignature.sign(event, with: key)
    }

    /// The event ``sign(type:schema:body:partnership:occurred:id:key:)`` would sign, stamped with
    /// the ledger's clock, not yet signed (for ``appendSigning(_:with:labels:dryRun:progress:)``).
    public func makeEvent(type: String, schema: Int = 1, body: [String: JSONValue], partnership: String? = nil,
                          occurred: CalendarDate? = nil, id: String? = nil, author: KeyID) throws(LedgerError) -> Event {
        try Self.makeEvent(type: type, schema: schema, body: body, partnership: partnership, occurred: occurred,
                           id: id, author: author, recorded: Timestamp(clock()))
    }

    /// ``makeEvent(type:schema:body:partnership:occurred:id:author:)`` stamped `recorded`: a bulk
    /// append builds its events on all cores with one reading of the clock.
    ///
    /// ```swift
    /// let now = Timestamp(ledger.clock())
    /// let event = try ledger.makeEvent(type: "note.added", body: ["text": "hi"], author: key.id, recorded: now)
    /// ```
    public func makeEvent(type: String, schema: Int = 1, body: [String: JSONValue], partnership: String? = nil,
                          occurred: CalendarDate? = nil, id: String? = nil, author: KeyID, recorded: Timestamp) throws(LedgerError) -> Event {
        try Self.makeEvent(type: type, schema: schema, body: body, partnership: partnership, occurred: occurred,
                           id: id, author: author, recorded: recorded)
    }

    /// Builds an event, refusing an id, type or partnership of the wrong form.
    static func makeEvent(type: String, schema: Int, body: [String: JSONValue], partnership: String?,
                          occurred: CalendarDate?, id: String?, author: KeyID, recorded: Timestamp) throws(LedgerError) -> Event {
        let id = id ?? EventID.random()
        guard EventID.isValid(id) else {
            throw LedgerError(.usage, "event id \"\(id)\" is not a lowercase UUID; omit --id to get a fresh one")
        }
        guard EventType.isValid(type) else {
            throw LedgerError(.usage, "event type \"\(type)\" is not of the form `visit.recorded`; use lowercase words joined by dots")
        }
        if let partnership, !Identifier.isValid(partnership) {
            throw LedgerError(.usage, "partnership \"\(partnership)\" is not an identifier; use lowercase letters, digits, . _ - (at most 64)")
        }
        return Event(id: id, type: type, schema: schema, partnership: partnership, recorded: recorded,
                     author: author, body: body, occurred: occurred)
    }

    /// Creates the ledger folder, its log key, and the genesis line. Refuses an existing ledger.
    @discardableResult
    public func create(origin: String, steward: SigningKey, logKey: SigningKey = .generate()) throws(LedgerError) -> SignedEvent {
        guard Origin.isValid(origin) else {
            throw LedgerError(.usage, "origin \"\(origin)\" is not a log name; use something like example.org/ukug-partnerships (no spaces or '+')")
        }
        let fm = FileManager.default
        if fm.fileExists(atPath: directory.events.path) || fm.fileExists(atPath: directory.logKey.path) {
            throw LedgerError(.alreadyExists, "\(directory.root.path) already holds a ledger; choose another --ledger folder")
        }
        var isDirectory: ObjCBool = false
        if fm.fileExists(atPath: directory.root.path, isDirectory: &isDirectory) {
            guard isDirectory.boolValue else {
                throw LedgerError(.usage, "\(directory.root.path) is a file; give a new folder with --ledger")
            }
            guard (try? fm.contentsOfDirectory(atPath: directory.root.path))?.isEmpty ?? false else {
                throw LedgerError(.alreadyExists, "\(directory.root.path) is not empty; give a new or empty folder with --ledger")
            }
        }
        let genesis = GenesisBody(origin: origin, stewardKey: steward.publicKey, logKey: logKey.publicKey)
        let signed = try sign(type: CoreEventType.genesis, body: genesis.json, key: steward)
        let line = LedgerLine(seq: 0, prev: LedgerLine.zeroHash, signed: signed)
        do {
            try fm.createDirectory(at: directory.root, withIntermediateDirectories: true)
        } catch {
            throw LedgerError(.io, "cannot create \(directory.root.path): \(error.localizedDescription); check the parent folder is writable")
        }
        try logKey.write(to: directory.logKey)
        var bytes = line.bytes
        bytes.append(0x0a)
        try FileIO.createExclusive(directory.events, contents: bytes, mode: 0o644, what: "log")
        FileIO.syncDirectory(directory.root)
        let log = try LogFile.open(directory.events, writable: true)
        try updateTransparency(log, origin: origin, logKey: logKey, previousCount: 0, leafHashes: [Merkle.leafHash(line.bytes)])
        return signed
    }

    /// Reads the latest state of the log (as of its last complete line) and passes it to `body`.
    /// Fails on a torn tail or a log that breaks the rules.
    public func withCurrentState<T>(_ body: (LedgerFold<Rules>) throws(LedgerError) -> T) throws(LedgerError) -> T {
        try directory.requireExisting()
        let log = try LogFile.open(directory.events, writable: false)
        try log.lockShared(timeout: lockTimeout)
        defer { log.unlock() }
        let (fold, _, spill) = try currentFold(log, spillBudget: FoldSpill.defaultBudget)
        let result = try body(fold)
        // The spill's tables stay in place while `body` reads the fold through them.
        withExtendedLifetime(spill) {}
        return result
    }
}
