import Foundation
@testable import MutualLedger
import Testing

/// The spill writer of ``CacheTable`` (an empty table sized ahead, streamed appends that place
/// their slots in one pass, growth from the used slots) and the ``KeyFilter`` beside it.
@Suite struct CacheTableSpillTests {
    static func bytes(_ text: String) -> [UInt8] { Array(text.utf8) }

    /// Batches of new keys and updates, appended as a spill does, read back as one table holding
    /// each key's newest value, through many doublings of the index (so slots wrap past its end);
    /// a rebuild that places the old slots 3 at a time gives the same table as one placing them all.
    @Test(arguments: [1, 64, 5_000], [3, CacheTable.rebuildBatch])
    func streamedAppendsKeepTheNewestValueOfEveryKey(expected: Int, rebuildBatch: Int) throws {
        try withTemporaryDirectory("spill-table") { dir in
            let files = CacheTable.Files(directory: dir, name: "t")
            var ref = try CacheTable.createEmpty(files, expected: expected)
            var latest: [String: String] = [:]
            var filter = KeyFilter(expected: 16)
            var rng = SplitMix64(seed: 7)
            for round in 0..<30 {
                var batch: [(key: [UInt8], value: [UInt8])] = []
                for n in 0..<(1 + Int(rng.next() % 90)) {
                    // Mostly new keys, some updates of earlier ones.
                    let key = n % 5 == 4 && !latest.isEmpty ? "k\(rng.next() % UInt64(latest.count))" : "k\(latest.count + batch.count)"
                    let value = "r\(round)-\(n)"
                    batch.removeAll { $0.key == Self.bytes(key) }
                    batch.append((Self.bytes(key), Self.bytes(value)))
                }
                for (key, value) in batch { latest[String(decoding: key, as: UTF8.self)] = String(decoding: value, as: UTF8.self) }
                ref = try CacheTable.appendStreaming(files, ref: ref, count: batch.count, rebuildBatch: rebuildBatch,
                                                     produce: { emit in for (key, value) in batch { emit(key, value) } },
                                                     added: { filter.insert($0) })
            }
            let plain = try #require(CacheTable.open(files, ref: ref))
            let filtered = try #require(CacheTable.open(files, ref: ref, filter: filter))
            #expect(plain.slotsUsed * 2 <= plain.capacity)
            for (key, value) in latest {
                #expect(plain.value(for: Self.bytes(key)) == Self.bytes(value), "\(key)")
                #expect(filtered.value(for: Self.bytes(key)) == Self.bytes(value), "\(key)")
            }
            for n in 0..<200 {
                #expect(plain.value(for: Self.bytes("absent-\(n)")) == nil)
                #expect(filtered.value(for: Self.bytes("absent-\(n)")) == nil)
            }
            #expect(Dictionary(uniqueKeysWithValues: plain.entries().map { (String(decoding: $0.key, as: UTF8.self), String(decoding: $0.value, as: UTF8.self)) }) == latest)
        }
    }

    /// More entries than announced is refused, and the table the ref names is unchanged.
    @Test func moreEntriesThanAnnouncedIsRefused() throws {
        try withTemporaryDirectory("spill-table-count") { dir in
            let files = CacheTable.Files(directory: dir, name: "t")
            let ref = try CacheTable.createEmpty(files, expected: 8)
            #expect(throws: LedgerError.self) {
                _ = try CacheTable.appendStreaming(files, ref: ref, count: 1, produce: { emit in
                    emit(Self.bytes("a"), Self.bytes("1"))
                    emit(Self.bytes("b"), Self.bytes("2"))
                }, added: { _ in })
            }
            let table = try #require(CacheTable.open(files, ref: ref))
            #expect(table.value(for: Self.bytes("a")) == nil)
        }
    }

    @Test func aKeyFilterNeverForgetsAndRulesOutMostOthers() {
        var filter = KeyFilter(expected: 10_000)
        var rng = SplitMix64(seed: 11)
        let inserted = (0..<10_000).map { _ in rng.next() }
        for hash in inserted { filter.insert(hash) }
        #expect(inserted.allSatisfy(filter.mayContain))
        let falsePositives = (0..<10_000).filter { _ in filter.mayContain(rng.next()) }.count
        #expect(falsePositives < 500, "\(falsePositives) of 10,000 absent hashes passed")
        #expect(filter.count == 10_000 && filter.capacity >= 10_000)
    }
}
