import Foundation
@testable import MutualLedger
import Testing

/// The append cache's tables: lookups, updates, growth, and that a table or snapshot that does
/// not match the log is ignored and rebuilt, never trusted.
@Suite struct CacheTableTests {
    static func bytes(_ text: String) -> [UInt8] { Array(text.utf8) }

    @Test func lookupsUpdatesAndGrowth() throws {
        try withTemporaryDirectory("cache-table") { dir in
            let files = CacheTable.Files(directory: dir, name: "t")
            var ref = try CacheTable.create(files, entries: [(Self.bytes("a"), Self.bytes("1"))])
            var expected: [String: String] = ["a": "1"]
            for round in 0..<20 {
                var entries: [(key: [UInt8], value: [UInt8])] = []
                for n in 0..<(round * 7) {
                    let key = "k\(n)", value = "r\(round)-\(n)"
                    entries.append((Self.bytes(key), Self.bytes(value)))
                    expected[key] = value
                }
                guard let next = try CacheTable.append(files, ref: ref, entries: entries) else {
                    Issue.record("append refused a matching table")
                    return
                }
                ref = next
            }
            let table = try #require(CacheTable.open(files, ref: ref))
            for (key, value) in expected {
                #expect(table.value(for: Self.bytes(key)) == Self.bytes(value), "\(key)")
            }
            #expect(table.value(for: Self.bytes("missing")) == nil)
            #expect(table.entries().count == expected.count)
            // A view at an older length does not see later records.
            let old = try #require(CacheTable.open(files, ref: CacheTable.Ref(generation: ref.generation, length: ref.length)))
            #expect(old.value(for: Self.bytes("a")) == Self.bytes("1"))
        }
    }

    @Test func mismatchedFilesAreNotUsed() throws {
        try withTemporaryDirectory("cache-mismatch") { dir in
            let files = CacheTable.Files(directory: dir, name: "t")
            let ref = try CacheTable.create(files, entries: [(Self.bytes("a"), Self.bytes("1"))])
            #expect(CacheTable.open(files, ref: CacheTable.Ref(generation: ref.generation &+ 1, length: ref.length)) == nil)
            #expect(CacheTable.open(files, ref: CacheTable.Ref(generation: ref.generation, length: ref.length + 1)) == nil)
            // Bytes left after a crash between the values and the snapshot: the table is not trusted.
            let handle = try FileHandle(forWritingTo: files.values)
            handle.seekToEndOfFile()
            handle.write(Data([1, 2, 3]))
            try handle.close()
            #expect(CacheTable.open(files, ref: ref) == nil)
            #expect(try CacheTable.append(files, ref: ref, entries: [(Self.bytes("b"), Self.bytes("2"))]) == nil)
        }
    }

    @Test func cachedMapReadsThroughAndEncodesLikeADictionary() throws {
        try withTemporaryDirectory("cached-map") { dir in
            var map = CachedMap<Int>()
            map["x"] = 1
            map["y"] = 2
            let files = CacheTable.Files(directory: dir, name: "m")
            let ref = try CacheTable.create(files, entries: map.allEntries)
            var restored = CachedMap<Int>()
            restored.attach(CacheTable.open(files, ref: ref))
            #expect(restored["x"] == 1)
            restored["y"] = 3
            restored["z"] = nil
            #expect(restored["y"] == 3)
            #expect(restored.dictionary == ["x": 1, "y": 3])
            #expect(restored == CachedMap(["x": 1, "y": 3]))
            let json = try JSONEncoder().encode(restored)
            #expect(try JSONDecoder().decode([String: Int].self, from: json) == ["x": 1, "y": 3])
        }
    }

    /// The append path through the cache: a reused id is refused by a fresh process (the id comes
    /// from the table), and a damaged, stale or deleted cache is rebuilt from the log.
    @Test func appendPathUsesAndRebuildsTheCache() throws {
        try withTemporaryDirectory("cache-append") { dir in
            let steward = try seededKey(1)
            let ledger = Ledger(directory: LedgerDirectory(dir.appendingPathComponent("ledger")), rules: CoreRules(), clock: fixedClock)
            try ledger.create(origin: "example.org/cache-tests", steward: steward)
            var first: SignedEvent?
            for n in 0..<30 {
                let signed = try ledger.sign(type: "note.added", body: ["n": .integer(Int64(n))], key: steward)
                first = first ?? signed
                _ = try ledger.append([signed])
            }
            let reused = try ledger.sign(type: "note.added", body: ["n": 99], id: first?.event.id, key: steward)
            #expect(throws: LedgerError.self) { _ = try ledger.append([reused]) }
            let cache = ledger.directory.cache
            let values = cache.appendingPathComponent("core-ids.values")
            // Garbage after the committed length: ignored, rebuilt, the reused id still refused.
            let handle = try FileHandle(forWritingTo: values)
            handle.seekToEndOfFile()
            handle.write(Data(repeating: 0xff, count: 40))
            try handle.close()
            #expect(throws: LedgerError.self) { _ = try ledger.append([reused]) }
            _ = try ledger.append([try ledger.sign(type: "note.added", body: ["n": 100], key: steward)])
            // Deleted cache: rebuilt.
            try FileManager.default.removeItem(at: cache)
            #expect(throws: LedgerError.self) { _ = try ledger.append([reused]) }
            _ = try ledger.append([try ledger.sign(type: "note.added", body: ["n": 101], key: steward)])
            #expect(FileManager.default.fileExists(atPath: values.path))
            // A log edited under the cache (its last line replaced): the snapshot no longer matches.
            var log = try Data(contentsOf: ledger.directory.events)
            log.removeLast()
            log.append(contentsOf: Array(" ".utf8) + [0x0a])
            try log.write(to: ledger.directory.events)
            #expect(throws: LedgerError.self) { _ = try ledger.append([try ledger.sign(type: "note.added", body: ["n": 102], key: steward)]) }
            #expect(try ledger.verify().isValid == false)
        }
    }
}
