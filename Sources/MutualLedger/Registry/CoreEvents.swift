/// The event types the ledger core itself understands.
///
/// ```swift
/// CoreEventType.all.contains("actor.enrolled")  // true
/// ```
public enum CoreEventType {
    public static let genesis = "ledger.genesis"
    public static let actorEnrolled = "actor.enrolled"
    public static let actorRevoked = "actor.revoked"
    public static let all: Set<String> = [genesis, actorEnrolled, actorRevoked]
}

/// Body of `ledger.genesis`: `{"origin", "stewardKey", "logKey"}`.
///
/// ```swift
/// let body = GenesisBody(origin: "example.org/ukug", stewardKey: steward.publicKey, logKey: log.publicKey).json
/// ```
public struct GenesisBody: Sendable, Equatable {
    public var origin: String
    public var stewardKey: PublicKey
    public var logKey: PublicKey

    public init(origin: String, stewardKey: PublicKey, logKey: PublicKey) {
        self.origin = origin
        self.stewardKey = stewardKey
        self.logKey = logKey
    }

    public var json: [String: JSONValue] {
        ["origin": .string(origin), "stewardKey": .string(stewardKey.base64), "logKey": .string(logKey.base64)]
    }

    public init(_ body: [String: JSONValue]) throws(LedgerError) {
        try BodyReader.requireExactly(["origin", "stewardKey", "logKey"], in: body, type: CoreEventType.genesis)
        guard let origin = body["origin"]?.stringValue, Origin.isValid(origin) else {
            throw LedgerError(.validation, "genesis origin must be a log name like example.org/ukug-partnerships (printable ASCII, no spaces or '+', at most 200 bytes)")
        }
        self.origin = origin
        self.stewardKey = try PublicKey(base64: body["stewardKey"]?.stringValue ?? "")
        self.logKey = try PublicKey(base64: body["logKey"]?.stringValue ?? "")
    }
}

/// Body of `actor.enrolled`: `{"actor", "name", "publicKey", "org", "roles"}`.
public struct ActorEnrolledBody: Sendable, Equatable {
    public var actor: String
    public var name: String
    public var publicKey: PublicKey
    public var org: String?
    public var roles: [String]

    public init(actor: String, name: String, publicKey: PublicKey, org: String?, roles: [String]) {
        self.actor = actor
        self.name = name
        self.publicKey = publicKey
        self.org = org
        self.roles = roles
    }

    public var json: [String: JSONValue] {
        ["actor": .string(actor), "name": .string(name), "publicKey": .string(publicKey.base64),
         "org": org.map(JSONValue.string) ?? .null, "roles": .array(roles.map(JSONValue.string))]
    }

    public init(_ body: [String: JSONValue]) throws(LedgerError) {
        let type = CoreEventType.actorEnrolled
        try BodyReader.requireExactly(["actor", "name", "publicKey", "org", "roles"], in: body, type: type)
        actor = try BodyReader.identifier("actor", in: body, type: type)
        name = try BodyReader.text("name", in: body, type: type, maxLength: 200)
        publicKey = try PublicKey(base64: body["publicKey"]?.stringValue ?? "")
        org = try BodyReader.optionalIdentifier("org", in: body, type: type)
        guard let list = body["roles"]?.arrayValue, !list.isEmpty, list.count <= 8 else {
            throw LedgerError(.validation, "\(type): roles must be a non-empty list like [\"coordinator\"]")
        }
        var roles: [String] = []
        for item in list {
            guard let role = item.stringValue, Identifier.isValid(role), !roles.contains(role) else {
                throw LedgerError(.validation, "\(type): roles must be distinct role names like \"steward\" or \"coordinator\"")
            }
            roles.append(role)
        }
        self.roles = roles
    }
}

/// Body of `actor.revoked`: `{"actor", "reason"}`. Revokes every key enrolled for the actor so far.
public struct ActorRevokedBody: Sendable, Equatable {
    public var actor: String
    public var reason: String

    public init(actor: String, reason: String) {
        self.actor = actor
        self.reason = reason
    }

    public var json: [String: JSONValue] { ["actor": .string(actor), "reason": .string(reason)] }

    public init(_ body: [String: JSONValue]) throws(LedgerError) {
        let type = CoreEventType.actorRevoked
        try BodyReader.requireExactly(["actor", "reason"], in: body, type: type)
        actor = try BodyReader.identifier("actor", in: body, type: type)
        reason = try BodyReader.text("reason", in: body, type: type, maxLength: 2_000)
    }
}

/// Log origin names (C2SP tlog-checkpoint origin line): printable ASCII without spaces or `+`.
public enum Origin {
    public static func isValid(_ text: String) -> Bool {
        !text.isEmpty && text.utf8.count <= 200 && text.utf8.allSatisfy { $0 > 0x20 && $0 < 0x7f && $0 != 0x2b }
    }
}
