import Foundation
@testable import MutualLedger
import Testing

/// ``CacheTable/append(_:ref:count:produce:)`` grows a table's index streaming (one pass over its
/// used slots, never the whole index read and rewritten in memory) and places large batches in one
/// pass: every key keeps its newest value, absent keys stay absent, the index stays at most half full.
@Suite struct CacheTableGrowthTests {
    static func bytes(_ text: String) -> [UInt8] { Array(text.utf8) }

    /// Batches of these sizes, each updating some earlier keys: small ones (one slot at a time),
    /// ones that grow the index, and ones large enough for the one-pass placement without growth.
    @Test(arguments: [[3, 40, 100], [700, 5000, 4500], [10_000, 1, 9000, 4096]])
    func growingAnIndexKeepsEveryKeysNewestValue(batches: [Int]) throws {
        try withTemporaryDirectory("cache-growth") { dir in
            let files = CacheTable.Files(directory: dir, name: "t")
            var ref = try CacheTable.create(files, entries: [(Self.bytes("first"), Self.bytes("0"))])
            var expected: [String: String] = ["first": "0"]
            var capacities: [Int] = []
            var next = 0
            for (round, size) in batches.enumerated() {
                var entries: [(key: [UInt8], value: [UInt8])] = []
                for n in 0..<size {
                    // Every third entry updates an earlier key; the rest are new.
                    let key = n % 3 == 0 && next > 0 ? "k\((n * 7919) % next)" : "k\(next)"
                    if key == "k\(next)" { next += 1 }
                    let value = "r\(round)-\(n)"
                    entries.append((Self.bytes(key), Self.bytes(value)))
                    expected[key] = value
                }
                let batch = entries
                let appended = try CacheTable.append(files, ref: ref, count: batch.count) { emit in
                    for (key, value) in batch { emit(key, value) }
                }
                ref = try #require(appended)
                let table = try #require(CacheTable.open(files, ref: ref))
                #expect(table.slotsUsed * 2 <= table.capacity)
                capacities.append(table.capacity)
            }
            let table = try #require(CacheTable.open(files, ref: ref))
            for (key, value) in expected {
                #expect(table.value(for: Self.bytes(key)) == Self.bytes(value), "\(key)")
            }
            #expect(table.value(for: Self.bytes("k\(next)")) == nil)
            #expect(table.value(for: Self.bytes("missing")) == nil)
            let all = table.entries()
            #expect(all.count == expected.count)
            #expect(Dictionary(uniqueKeysWithValues: all.map { (String(decoding: $0.key, as: UTF8.self), String(decoding: $0.value, as: UTF8.self)) }) == expected)
            // The index grew at least once past its first size.
            #expect((capacities.last ?? 0) > 64)
            // No temporary index is left beside the table.
            #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path).sorted() == ["t.index", "t.values"])
        }
    }

    /// An append to files that no longer match the ref is refused (nil), whichever path it would take.
    @Test(arguments: [1, 5000])
    func anAppendToAMismatchedTableIsRefused(count: Int) throws {
        try withTemporaryDirectory("cache-growth-mismatch") { dir in
            let files = CacheTable.Files(directory: dir, name: "t")
            let ref = try CacheTable.create(files, entries: [(Self.bytes("a"), Self.bytes("1"))])
            let stale = CacheTable.Ref(generation: ref.generation, length: ref.length + 1)
            let result = try CacheTable.append(files, ref: stale, count: count) { emit in
                for n in 0..<count { emit(Self.bytes("k\(n)"), Self.bytes("v")) }
            }
            #expect(result == nil)
            let table = try #require(CacheTable.open(files, ref: ref))
            #expect(table.value(for: Self.bytes("a")) == Self.bytes("1"))
            #expect(table.value(for: Self.bytes("k0")) == nil)
        }
    }
}
