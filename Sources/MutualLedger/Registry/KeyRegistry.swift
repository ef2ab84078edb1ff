/// Which keys may sign at a point of the log: the fold of `ledger.genesis`,
/// `actor.enrolled` and `actor.revoked` events.
///
/// ```swift
/// var registry = KeyRegistry()
/// try registry.check(line.event)          // author enrolled, not revoked; actor events by a steward
/// registry.apply(line.event, seq: line.seq)
/// registry.activeKey(line.event.author)   // KeyRegistry.Entry?
/// ```
public struct KeyRegistry: Sendable, Codable, Equatable {
    /// One enrolled key.
    public struct Entry: Sendable, Codable, Equatable {
        public var actor: String
        public var name: String
        public var publicKey: String
        public var org: String?
        public var roles: [String]
        public var enrolledAt: Int
        public var revokedAt: Int?

        public func has(role: String) -> Bool { roles.contains(role) }
    }

    /// The actor id given to the steward key named in `ledger.genesis`.
    public static let genesisActor = "steward"
    public static let stewardRole = "steward"

    public internal(set) var origin: String?
    public internal(set) var logKey: String?
    /// Every key ever enrolled, by key id.
    public internal(set) var keys: [KeyID: Entry] = [:]
    /// The key ids of each actor, in enrolment order.
    public internal(set) var actors: [String: [KeyID]] = [:]
    /// Verified public keys, kept so each key is parsed once (not persisted).
    var parsed: [KeyID: PublicKey] = [:]

    enum CodingKeys: String, CodingKey { case origin, logKey, keys, actors }

    public init() {}

    /// Decodes a cached registry and re-fills `parsed`, so keys are not re-parsed on every
    /// `publicKey(_:)` call after a snapshot load. A stored key that does not parse, or whose
    /// id does not match, is left out of `parsed` and `publicKey(_:)` reports it as before.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        origin = try container.decodeIfPresent(String.self, forKey: .origin)
        logKey = try container.decodeIfPresent(String.self, forKey: .logKey)
        keys = try container.decode([KeyID: Entry].self, forKey: .keys)
        actors = try container.decode([String: [KeyID]].self, forKey: .actors)
        for (id, entry) in keys {
            if let key = try? PublicKey(base64: entry.publicKey), key.id == id { parsed[id] = key }
        }
    }

    /// The entry of `id` if it is enrolled and not revoked.
    public func activeKey(_ id: KeyID) -> Entry? {
        guard let entry = keys[id], entry.revokedAt == nil else { return nil }
        return entry
    }

    /// The public key of an enrolled key (revoked or not).
    public func publicKey(_ id: KeyID) -> PublicKey? {
        if let key = parsed[id] { return key }
        guard let entry = keys[id], let key = try? PublicKey(base64: entry.publicKey), key.id == id else { return nil }
        return key
    }

    /// Whether `actor` has at least one active key.
    public func isActive(actor: String) -> Bool {
        actors[actor]?.contains { activeKey($0) != nil } ?? false
    }

    /// Actor ids that hold `role` through an active key.
    public func activeActors(withRole role: String) -> Set<String> {
        Set(keys.values.filter { $0.revokedAt == nil && $0.has(role: role) }.map(\.actor))
    }

    /// Whether the registry has seen a genesis event.
    public var isInitialized: Bool { origin != nil }
}
