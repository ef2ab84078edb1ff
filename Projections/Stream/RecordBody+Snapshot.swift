import MutualLedger

extension RecordBody {
    /// Writes the body: a tag byte (0 skip, 1 org, 2 partnership, 3 actor, 4 visit, 5 confirm,
    /// 6 debrief, 7 mission revised, 8 mission endorsed, 9 innovation, 10 status, 11 policy) and its fields.
    ///
    /// ```swift
    /// var out = SnapshotWriter()
    /// RecordBody.confirm(visit: "v-1").write(to: &out)   // 05, then the string "v-1"
    /// ```
    public func write(to out: inout SnapshotWriter) {
        switch self {
        case .skip:
            out.u8(0)
        case .org(let id, let name, let incomeGroup):
            out.u8(1); out.string(id); out.string(name); out.string(incomeGroup)
        case .partnership(let id, let orgs, let lead, let funder):
            out.u8(2); out.string(id); Self.write(orgs, to: &out); out.string(lead); out.string(funder)
        case .actor(let key, let org):
            out.u8(3); out.string(key); out.string(org)
        case .visit(let v):
            out.u8(4); out.string(v.id); out.string(v.from); out.string(v.to)
            out.int(Int(v.start.daysSinceEpoch)); out.int(Int(v.end.daysSinceEpoch)); out.string(v.mode)
            out.u64(UInt64(v.travellers.count))
            for traveller in v.travellers { out.string(traveller.person); out.string(traveller.seniority) }
            out.string(v.needsIdentifiedBy); out.u8(v.briefed ? 1 : 0)
        case .confirm(let visit):
            out.u8(5); out.string(visit)
        case .debrief(let d):
            out.u8(6); out.string(d.visit); out.int(Int(d.held.daysSinceEpoch)); out.int(d.others)
            out.u64(UInt64(d.learning.count))
            for item in d.learning { out.string(item.receivingOrg); out.string(item.level) }
        case .missionRevised(let version, let directions, let levels):
            out.u8(7); out.int(version); Self.write(directions, to: &out); Self.write(levels, to: &out)
        case .missionEndorsed(let version):
            out.u8(8); out.int(version)
        case .innovation(let id, let origin, let recipient, let title):
            out.u8(9); out.string(id); out.string(origin); out.string(recipient); out.string(title)
        case .status(let id, let status, let date):
            out.u8(10); out.string(id); out.string(status)
            out.u8(date == nil ? 0 : 1); out.int(Int(date?.daysSinceEpoch ?? 0))
        case .policy(let values):
            out.u8(11); out.u64(UInt64(values.count))
            for name in values.keys.sorted() { out.string(name); out.int(values[name] ?? 0) }
        }
    }

    /// Reads what ``write(to:)`` wrote.
    public init(from input: inout SnapshotReader) throws(SnapshotReader.Malformed) {
        switch try input.u8() {
        case 0: self = .skip
        case 1: self = .org(id: try input.string(), name: try input.string(), incomeGroup: try input.string())
        case 2: self = .partnership(id: try input.string(), orgs: try Self.strings(&input), lead: try input.string(), funder: try input.string())
        case 3: self = .actor(key: try input.string(), org: try input.string())
        case 4:
            let id = try input.string(), from = try input.string(), to = try input.string()
            let start = try Self.date(&input), end = try Self.date(&input), mode = try input.string()
            var travellers: [PartnershipRecord.Traveller] = []
            for _ in 0..<(try input.count(minimum: 8)) {
                travellers.append(.init(person: try input.string(), seniority: try input.string()))
            }
            self = .visit(VisitFields(id: id, from: from, to: to, start: start, end: end, mode: mode, travellers: travellers,
                                      needsIdentifiedBy: try input.string(), briefed: try input.bool()))
        case 5: self = .confirm(visit: try input.string())
        case 6:
            let visit = try input.string(), held = try Self.date(&input), others = try input.int()
            var learning: [PartnershipRecord.LearningItem] = []
            for _ in 0..<(try input.count(minimum: 8)) {
                learning.append(.init(receivingOrg: try input.string(), level: try input.string()))
            }
            self = .debrief(DebriefFields(visit: visit, held: held, others: others, learning: learning))
        case 7: self = .missionRevised(version: try input.int(), directions: try Self.strings(&input), levels: try Self.strings(&input))
        case 8: self = .missionEndorsed(version: try input.int())
        case 9: self = .innovation(id: try input.string(), origin: try input.string(), recipient: try input.string(), title: try input.string())
        case 10:
            let id = try input.string(), status = try input.string(), present = try input.bool(), date = try Self.date(&input)
            self = .status(id: id, status: status, date: present ? date : nil)
        case 11:
            var values: [String: Int] = [:]
            for _ in 0..<(try input.count(minimum: 12)) {
                let name = try input.string()
                values[name] = try input.int()
            }
            self = .policy(values: values)
        default: throw SnapshotReader.Malformed()
        }
    }

    static func write(_ list: [String], to out: inout SnapshotWriter) {
        out.u64(UInt64(list.count))
        for text in list { out.string(text) }
    }

    static func strings(_ input: inout SnapshotReader) throws(SnapshotReader.Malformed) -> [String] {
        var list: [String] = []
        for _ in 0..<(try input.count(minimum: 4)) { list.append(try input.string()) }
        return list
    }

    static func date(_ input: inout SnapshotReader) throws(SnapshotReader.Malformed) -> CalendarDate {
        CalendarDate(daysSinceEpoch: Int64(try input.int()))
    }
}
