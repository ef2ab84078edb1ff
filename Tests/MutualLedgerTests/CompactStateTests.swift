import Foundation
@testable import MutualLedger
import Testing

/// The compact containers the verify fold keeps its growing state in: each behaves exactly like
/// the dictionary it replaces (checked against one, entry by entry), and the id index keeps its
/// public meaning (seqs, pending entries, packed ids, tables).
@Suite struct CompactStateTests {
    static func randomIDs(_ count: Int, seed: UInt64) -> [EventIDBits] {
        var generator = SplitMix64(seed: seed)
        return (0..<count).map { _ in EventIDBits(high: generator.next(), low: generator.next()) }
    }

    @Test(arguments: [0, 1, 767, 769, 20_000])
    func idTableAgreesWithADictionary(count: Int) {
        let ids = Self.randomIDs(count, seed: UInt64(count))
        var table = CompactIDTable()
        var reference: [EventIDBits: Int] = [:]
        for (seq, id) in ids.enumerated() {
            table.insert(high: id.high, low: id.low, seq: seq)
            reference[id] = seq
        }
        // Ids sharing one half with a stored id, and fresh ones, are absent.
        for id in ids.prefix(200) {
            #expect(table.seq(high: id.high, low: id.low ^ 1) == nil)
            #expect(table.seq(high: id.high ^ 1, low: id.low) == nil)
        }
        for id in Self.randomIDs(200, seed: 99_999) { #expect(table.seq(high: id.high, low: id.low) == reference[id]) }
        var listed: [EventIDBits: Int] = [:]
        table.forEach { high, low, seq in listed[EventIDBits(high: high, low: low)] = seq }
        #expect(listed == reference)
        #expect(table.count == reference.count)
        for id in ids where table.seq(high: id.high, low: id.low) != reference[id] {
            Issue.record("id \(id.text) has seq \(String(describing: table.seq(high: id.high, low: id.low))), expected \(String(describing: reference[id]))")
        }
    }

    @Test func idTableReinsertAndIrregularSeqs() {
        var table = CompactIDTable()
        let a = EventIDBits(high: 1, low: 2), b = EventIDBits(high: 3, low: 4), c = EventIDBits(high: 5, low: 6)
        table.insert(high: a.high, low: a.low, seq: 10)
        table.insert(high: b.high, low: b.low, seq: 11)
        table.insert(high: c.high, low: c.low, seq: 40)   // not consecutive
        table.insert(high: a.high, low: a.low, seq: 41)   // inserted again: takes the new seq
        #expect(table.seq(high: a.high, low: a.low) == 41)
        #expect(table.seq(high: b.high, low: b.low) == 11)
        #expect(table.seq(high: c.high, low: c.low) == 40)
        #expect(table.count == 3)
        var listed: [(EventIDBits, Int)] = []
        table.forEach { high, low, seq in listed.append((EventIDBits(high: high, low: low), seq)) }
        #expect(listed.map(\.0) == [b, c, a])
        #expect(listed.map(\.1) == [11, 40, 41])
    }

    @Test func eventIDIndexKeepsItsMeaning() throws {
        try withTemporaryDirectory("id-index") { dir in
            let texts = (0..<300).map { _ in EventID.random() }
            var index = EventIDIndex()
            for (seq, id) in texts.enumerated() { index.insert(id, seq: seq) }
            #expect(index.seq(of: texts[123]) == 123)
            #expect(index.seq(of: EventID.random()) == nil)
            // The index has always ignored hyphens and refused anything but lowercase hex.
            #expect(index.seq(of: texts[7].replacingOccurrences(of: "-", with: "")) == 7)
            #expect(index.seq(of: texts[7].uppercased()) == nil)
            let keys = try texts.map { try #require(EventIDIndex.bits($0)).key }
            #expect(index.pendingEntries.map(\.key) == keys)
            #expect(index.pendingEntries.last?.value == [43, 1, 0, 0, 0, 0, 0, 0])   // 299, little-endian
            let packed = index.pendingPackedIDs
            #expect(packed.count == 300 * 16)

            var restored = EventIDIndex()
            restored.insert(packedIDs: packed, firstSeq: 1000)
            #expect(restored.seq(of: texts[0]) == 1000)
            #expect(restored.seq(of: texts[299]) == 1299)

            // Through a table: lookups read through; new ids are pending until the next attach.
            let files = CacheTable.Files(directory: dir, name: "ids")
            let ref = try CacheTable.create(files, entries: index.allEntries)
            var attached = EventIDIndex()
            attached.attach(CacheTable.open(files, ref: ref))
            #expect(attached.seq(of: texts[42]) == 42)
            let later = EventID.random()
            attached.insert(later, seq: 300)
            #expect(attached.seq(of: later) == 300)
            #expect(attached.pendingEntries.count == 1)
            #expect(attached.allEntries.count == 301)
        }
    }

    @Test(arguments: ["7f0c2a9e-3b1d-4c55-9a0e-2f6d8b1c4e77", "00000000-0000-0000-0000-000000000000", "ffffffff-ffff-ffff-ffff-ffffffffffff"])
    func canonicalIDsRoundTrip(text: String) throws {
        let bits = try #require(EventIDBits(canonical: text))
        #expect(bits.text == text)
        #expect(CompactEventID(text) == .bits(bits))
        let json = try JSONEncoder().encode([CompactEventID(text)])
        #expect(String(decoding: json, as: UTF8.self) == "[\"\(text)\"]")
        #expect(try JSONDecoder().decode([CompactEventID].self, from: json) == [CompactEventID(text)])
    }

    @Test(arguments: ["7F0C2A9E-3B1D-4C55-9A0E-2F6D8B1C4E77", "7f0c2a9e3b1d4c559a0e2f6d8b1c4e77", "7f0c2a9e-3b1d-4c55-9a0e-2f6d8b1c4e7", "7f0c2a9e-3b1d-4c55-9a0e-2f6d8b1c4e777", "v-1", ""])
    func otherTextIsKeptAsText(text: String) {
        #expect(EventIDBits(canonical: text) == nil)
        #expect(CompactEventID(text) == .text(text))
        #expect(CompactEventID(text).text == text)
    }

    @Test(arguments: [0, 1, 13, 5_000])
    func compactMapAgreesWithADictionary(count: Int) {
        var generator = SplitMix64(seed: 7)
        var map = CompactMap<String, Int>()
        var reference: [String: Int] = [:]
        for n in 0..<(count * 2) {
            let key = "k\(generator.next() % UInt64(max(count, 1)))"
            map.set(key, n)
            reference[key] = n
        }
        #expect(map.count == reference.count)
        for (key, value) in reference { #expect(map[key] == value) }
        #expect(map["absent"] == nil)
        var listed: [String: Int] = [:]
        map.forEach { key, value in listed[key] = value }
        #expect(listed == reference)
        if let key = reference.keys.first {
            #expect(map.update(key) { $0 += 1 })
            #expect(map[key] == (reference[key] ?? 0) + 1)
        }
        #expect(!map.update("absent") { $0 += 1 })
    }

    @Test func cachedMapWithEventIDKeysEncodesLikeADictionary() throws {
        try withTemporaryDirectory("cached-map-ids") { dir in
            let id = "7f0c2a9e-3b1d-4c55-9a0e-2f6d8b1c4e77", other = "0a0c2a9e-3b1d-4c55-9a0e-2f6d8b1c4e77"
            var map = CachedMap<String>()
            map[id] = "event"
            map["v-1"] = "visit"
            map[other] = "gone"
            map[other] = nil
            map["7F0C2A9E-3B1D-4C55-9A0E-2F6D8B1C4E77"] = "upper"   // not canonical: kept as text, distinct
            #expect(map[id] == "event")
            #expect(map[CompactEventID(id)] == "event")
            #expect(map[other] == nil)
            #expect(map["7F0C2A9E-3B1D-4C55-9A0E-2F6D8B1C4E77"] == "upper")
            let expected = [id: "event", "v-1": "visit", "7F0C2A9E-3B1D-4C55-9A0E-2F6D8B1C4E77": "upper"]
            #expect(map.dictionary == expected)
            #expect(map.pendingEntries.map { String(decoding: $0.key, as: UTF8.self) } == ["0a0c2a9e-3b1d-4c55-9a0e-2f6d8b1c4e77", "7F0C2A9E-3B1D-4C55-9A0E-2F6D8B1C4E77", id, "v-1"])
            #expect(map.pendingEntries.first?.value == [])   // removed
            let json = try JSONEncoder().encode(map)
            #expect(try JSONDecoder().decode([String: String].self, from: json) == expected)
            #expect(try JSONDecoder().decode(CachedMap<String>.self, from: json) == map)

            let files = CacheTable.Files(directory: dir, name: "m")
            let ref = try CacheTable.create(files, entries: map.allEntries)
            var restored = CachedMap<String>()
            restored.attach(CacheTable.open(files, ref: ref))
            #expect(restored[CompactEventID(id)] == "event")
            #expect(restored[id] == "event")
            #expect(restored.dictionary == expected)
        }
    }
}
