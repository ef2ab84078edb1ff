import Foundation
@testable import MutualLedger
import Testing

/// The binary encoding of cache table values (docs/PERFORMANCE.md, "Cache table entries"):
/// exact bytes, round trips, and that short or malformed entries are refused, not misread.
@Suite struct CacheEntryTests {
    @Test func standardTypesHaveTheDocumentedBytes() {
        #expect(Int(299).entryBytes == [43, 1, 0, 0, 0, 0, 0, 0])
        #expect(Int(-1).entryBytes == [UInt8](repeating: 0xff, count: 8))
        #expect(true.entryBytes == [1])
        #expect(false.entryBytes == [0])
        #expect("gé".entryBytes == [3, 0, 0, 0, 0x67, 0xc3, 0xa9])
        #expect(["a", "bc"].entryBytes == [2, 0, 0, 0, 1, 0, 0, 0, 0x61, 2, 0, 0, 0, 0x62, 0x63])
        #expect(CalendarDate(year: 1970, month: 1, day: 2).entryBytes == [1, 0, 0, 0, 0, 0, 0, 0])
        let id = CompactEventID("00000000-0000-0001-0000-000000000002")
        #expect(id.entryBytes == [0, 1, 0, 0, 0, 0, 0, 0, 0, 2, 0, 0, 0, 0, 0, 0, 0])
        #expect(CompactEventID("X").entryBytes == [1, 1, 0, 0, 0, 0x58])
    }

    @Test(arguments: [0, 1, -7, Int(Int32.max), Int.min, Int.max])
    func intsRoundTrip(_ value: Int) {
        #expect(Int(entryBytes: value.entryBytes) == value)
    }

    @Test(arguments: ["", "v-1", "gulu-rrh", "ünïcode ✓", String(repeating: "x", count: 5000)])
    func stringsRoundTrip(_ value: String) {
        #expect(String(entryBytes: value.entryBytes) == value)
        #expect([value, value + "!"].entryBytes.count == 4 + 2 * (4 + value.utf8.count) + 1)
        #expect([String](entryBytes: [value, value + "!"].entryBytes) == [value, value + "!"])
    }

    @Test(arguments: ["7f0c2a9e-3b1d-4c55-9a0e-2f6d8b1c4e77", "7F0C2A9E-3B1D-4C55-9A0E-2F6D8B1C4E77", "not-an-id"])
    func eventIDsRoundTripInTheirForm(_ text: String) {
        let id = CompactEventID(text)
        let back = CompactEventID(entryBytes: id.entryBytes)
        #expect(back == id)
        #expect(back?.text == text)
    }

    @Test func everyEncodingIsNonEmpty() {
        // An empty value marks a removed key in a table, so no value may encode to nothing.
        #expect(!"".entryBytes.isEmpty)
        #expect(!([] as [String]).entryBytes.isEmpty)
        #expect(!false.entryBytes.isEmpty)
    }

    @Test func malformedEntriesAreRefused() {
        #expect(Int(entryBytes: [1, 2, 3]) == nil)                       // short
        #expect(Int(entryBytes: Int(1).entryBytes + [0]) == nil)          // trailing byte
        #expect(Bool(entryBytes: [2]) == nil)                             // not 0 or 1
        #expect(String(entryBytes: [5, 0, 0, 0, 0x61]) == nil)            // length past the end
        #expect(String(entryBytes: [1, 0, 0, 0, 0xff]) == nil)            // not UTF-8
        #expect([String](entryBytes: [0xff, 0xff, 0xff, 0xff]) == nil)   // a count with no elements
        #expect(CompactEventID(entryBytes: [2]) == nil)                   // unknown tag
        #expect(CompactEventID(entryBytes: [0, 1, 2]) == nil)             // short bits
    }

    @Test func cachedMapStoresBinaryEntriesAndReadsThemBack() throws {
        try withTemporaryDirectory("cache-entry-map") { dir in
            var map = CachedMap<[String]>()
            map["p 1"] = ["northbridge", "gulu-rrh"]
            map["p 2"] = []
            map["gone"] = ["x"]
            map["gone"] = nil
            let pending = map.pendingEntries
            #expect(pending.map { String(decoding: $0.key, as: UTF8.self) } == ["gone", "p 1", "p 2"])
            #expect(pending[0].value == [])
            #expect(pending[1].value == ["northbridge", "gulu-rrh"].entryBytes)
            #expect(pending[2].value == [0, 0, 0, 0])

            var streamed: [String: [UInt8]] = [:]   // the watermark's streaming writer gets the same bytes
            map.forEachPendingEntry { key, value in streamed[String(decoding: key, as: UTF8.self)] = value }
            #expect(streamed == ["gone": [], "p 1": ["northbridge", "gulu-rrh"].entryBytes, "p 2": [0, 0, 0, 0]])

            let files = CacheTable.Files(directory: dir, name: "m")
            let ref = try CacheTable.create(files, entries: map.allEntries)
            var restored = CachedMap<[String]>()
            restored.attach(CacheTable.open(files, ref: ref))
            #expect(restored["p 1"] == ["northbridge", "gulu-rrh"])
            #expect(restored["p 2"] == [])
            #expect(restored["gone"] == nil)
            #expect(restored.dictionary == ["p 1": ["northbridge", "gulu-rrh"], "p 2": []])
        }
    }

    @Test func tablesOfTheJSONFormatAreNotOpened() throws {
        try withTemporaryDirectory("cache-entry-format") { dir in
            let files = CacheTable.Files(directory: dir, name: "m")
            let ref = try CacheTable.create(files, entries: [(Array("k".utf8), Int(5).entryBytes)])
            #expect(CacheTable.open(files, ref: ref)?.value(for: Array("k".utf8)) == Int(5).entryBytes)
            var index = try [UInt8](Data(contentsOf: files.index))
            #expect(Array(index[0..<8]) == Array("MUTTBL02".utf8))
            index.replaceSubrange(0..<8, with: Array("MUTTBL01".utf8))   // a table written with JSON values
            try Data(index).write(to: files.index)
            #expect(CacheTable.open(files, ref: ref) == nil)
        }
    }

    @Test func aMalformedStoredValueReadsAsAbsent() throws {
        try withTemporaryDirectory("cache-entry-bad") { dir in
            let files = CacheTable.Files(directory: dir, name: "m")
            let ref = try CacheTable.create(files, entries: [(Array("k".utf8), [1, 2, 3]), (Array("ok".utf8), Int(5).entryBytes)])
            var map = CachedMap<Int>()
            map.attach(CacheTable.open(files, ref: ref))
            #expect(map["k"] == nil)
            #expect(map["ok"] == 5)
        }
    }
}
