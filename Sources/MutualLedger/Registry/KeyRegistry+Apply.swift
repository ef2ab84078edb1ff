extension KeyRegistry {
    /// Core rules that hold for every ledger, whatever its vocabulary:
    /// genesis first and only once, authors enrolled and not revoked, actor events by a steward.
    public func check(_ event: Event, seq: Int) throws(LedgerError) {
        if event.type == CoreEventType.genesis {
            guard seq == 0, !isInitialized else {
                throw LedgerError(.unauthorized, "ledger.genesis may only be the first line; record it once with `mutual init`")
            }
            let genesis = try GenesisBody(event.body)
            guard KeyID(rawPublicKey: genesis.stewardKey.raw) == event.author else {
                throw LedgerError(.unauthorized, "ledger.genesis must be signed by the steward key it names")
            }
            return
        }
        guard isInitialized else {
            throw LedgerError(.invalidFormat, "the first line must be ledger.genesis; create the ledger with `mutual init`")
        }
        guard let author = activeKey(event.author) else {
            if let entry = keys[event.author], let revoked = entry.revokedAt {
                throw LedgerError(.unknownKey, "key \(event.author) of actor \(entry.actor) was revoked at seq \(revoked); sign with an enrolled key")
            }
            throw LedgerError(.unknownKey, "key \(event.author) is not enrolled in this ledger; ask a steward to enroll it with `mutual actor enroll`")
        }
        switch event.type {
        case CoreEventType.actorEnrolled:
            guard author.has(role: KeyRegistry.stewardRole) else {
                throw LedgerError(.unauthorized, "only a steward may enroll actors; \(author.actor) is not a steward")
            }
            let body = try ActorEnrolledBody(event.body)
            let id = KeyID(rawPublicKey: body.publicKey.raw)
            if let existing = keys[id] {
                throw LedgerError(.validation, existing.revokedAt == nil
                    ? "key \(id) is already enrolled for actor \(existing.actor); enroll a new key"
                    : "key \(id) was revoked and can never be enrolled again; generate a new key")
            }
            if let existing = actors[body.actor]?.compactMap({ keys[$0] }).first(where: { $0.revokedAt == nil }),
               existing.roles != body.roles || existing.org != body.org {
                throw LedgerError(.validation, "actor \(body.actor) is enrolled with other roles or org; give the same roles and org, or use a new actor id")
            }
        case CoreEventType.actorRevoked:
            guard author.has(role: KeyRegistry.stewardRole) else {
                throw LedgerError(.unauthorized, "only a steward may revoke actors; \(author.actor) is not a steward")
            }
            let body = try ActorRevokedBody(event.body)
            guard isActive(actor: body.actor) else {
                throw LedgerError(.validation, "actor \(body.actor) has no active key to revoke; check the actor id with `mutual actor list`")
            }
            let stewards = activeActors(withRole: KeyRegistry.stewardRole)
            if stewards == [body.actor] {
                throw LedgerError(.validation, "revoking \(body.actor) would leave the ledger without a steward; enroll another steward first")
            }
        default:
            break
        }
    }

    /// Applies an event that passed ``check(_:seq:)``. Never fails.
    public mutating func apply(_ event: Event, seq: Int) {
        switch event.type {
        case CoreEventType.genesis:
            guard let genesis = try? GenesisBody(event.body) else { return }
            origin = genesis.origin
            logKey = genesis.logKey.base64
            enroll(Entry(actor: KeyRegistry.genesisActor, name: "Genesis steward", publicKey: genesis.stewardKey.base64,
                         org: nil, roles: [KeyRegistry.stewardRole], enrolledAt: seq, revokedAt: nil), key: genesis.stewardKey)
        case CoreEventType.actorEnrolled:
            guard let body = try? ActorEnrolledBody(event.body) else { return }
            enroll(Entry(actor: body.actor, name: body.name, publicKey: body.publicKey.base64, org: body.org,
                         roles: body.roles, enrolledAt: seq, revokedAt: nil), key: body.publicKey)
        case CoreEventType.actorRevoked:
            guard let body = try? ActorRevokedBody(event.body) else { return }
            for id in actors[body.actor] ?? [] where keys[id]?.revokedAt == nil {
                keys[id]?.revokedAt = seq
            }
        default:
            break
        }
    }

    private mutating func enroll(_ entry: Entry, key: PublicKey) {
        keys[key.id] = entry
        actors[entry.actor, default: []].append(key.id)
        parsed[key.id] = key
    }
}
