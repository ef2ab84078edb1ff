import Foundation
@testable import MutualLedger
import Testing

/// A table with its ``CacheTable/slotFilter()`` (the batch fast path) answers every lookup exactly
/// as the same table without it (the general path): present, updated, removed and absent keys.
@Suite struct CacheTableSlotFilterTests {
    static func bytes(_ text: String) -> [UInt8] { Array(text.utf8) }

    /// 40,000 keys: the index (131,072 slots) is read in two runs of ``CacheTable/slotFilterRun``.
    @Test(arguments: [10, 40_000])
    func filteredTableAnswersLikeTheGeneralOne(keys: Int) throws {
        try withTemporaryDirectory("slot-filter") { dir in
            let files = CacheTable.Files(directory: dir, name: "t")
            let first = (0..<keys).map { (key: Self.bytes("k\($0)"), value: Self.bytes("v\($0)")) }
            let older = try CacheTable.create(files, entries: first)
            // Updates, a removal (an empty value reads as absent) and new keys appended later.
            let later = [(key: Self.bytes("k1"), value: Self.bytes("updated")), (key: Self.bytes("k2"), value: [UInt8]()),
                         (key: Self.bytes("new"), value: Self.bytes("n"))]
            let ref = try #require(try CacheTable.append(files, ref: older, entries: later))
            let general = try #require(CacheTable.open(files, ref: ref))
            let fast = try #require(general.withSlotFilter())
            #expect(fast.filter != nil)
            var probes = (0..<keys).map { Self.bytes("k\($0)") }
            probes += (0..<2_000).map { Self.bytes("absent\($0)") } + [Self.bytes("new"), []]
            for key in probes {
                #expect(fast.value(for: key) == general.value(for: key), "\(String(decoding: key, as: UTF8.self))")
            }
            let latest = try #require(CacheTable.open(files, ref: ref)?.withSlotFilter())
            #expect(latest.value(for: Self.bytes("k1")) == Self.bytes("updated"))
            #expect(latest.value(for: Self.bytes("new")) == Self.bytes("n"))
            #expect(latest.value(for: Self.bytes("absent1")) == nil)
        }
    }

    @Test func filterRulesOutMostAbsentKeys() throws {
        try withTemporaryDirectory("slot-filter-rate") { dir in
            let files = CacheTable.Files(directory: dir, name: "t")
            let ref = try CacheTable.create(files, entries: (0..<5_000).map { (Self.bytes("k\($0)"), Self.bytes("v")) })
            let filter = try #require(CacheTable.open(files, ref: ref)?.slotFilter())
            for n in 0..<5_000 { #expect(filter.mayContain(CacheTable.hash(Self.bytes("k\(n)")))) }
            let maybes = (0..<10_000).filter { filter.mayContain(CacheTable.hash(Self.bytes("absent\($0)"))) }.count
            #expect(maybes < 1_000, "\(maybes) of 10,000 absent keys not ruled out")
        }
    }

    @Test func filterIsBuiltOnlyWhenTheBatchRepaysIt() throws {
        try withTemporaryDirectory("slot-filter-pays") { dir in
            let files = CacheTable.Files(directory: dir, name: "t")
            let ref = try CacheTable.create(files, entries: (0..<1_000).map { (Self.bytes("k\($0)"), Self.bytes("v")) })
            let table = try #require(CacheTable.open(files, ref: ref))
            #expect(table.capacity == 2_048)
            #expect(!table.slotFilterPays(lookups: 0))
            #expect(!table.slotFilterPays(lookups: 1))
            #expect(!table.slotFilterPays(lookups: 63))
            #expect(table.slotFilterPays(lookups: 64))
            #expect(table.slotFilterPays(lookups: Int.max))
            #expect(try #require(table.withSlotFilter()).slotFilterPays(lookups: 100_000) == false)
        }
    }
}
