import Foundation
@testable import MutualLedger
import Testing

/// `CacheTable.create(_:count:produce:)`, the streaming writer the verified watermark uses:
/// the same table as the array form, values spanning several 1 MiB chunks, and a producer that
/// breaks its count leaves no table behind.
@Suite struct CacheTableStreamingTests {
    static func entries(_ count: Int, valueSize: Int) -> [(key: [UInt8], value: [UInt8])] {
        (0..<count).map { n in (Array("key-\(n)".utf8), Array(repeating: UInt8(n % 251), count: valueSize) + Array("\(n)".utf8)) }
    }

    @Test(arguments: [(0, 8), (1, 8), (1_000, 8), (3_000, 700)])
    func streamedTableEqualsArrayTable(count: Int, valueSize: Int) throws {
        try withTemporaryDirectory("stream-table") { dir in
            let entries = Self.entries(count, valueSize: valueSize)
            let arrayFiles = CacheTable.Files(directory: dir, name: "array")
            let streamFiles = CacheTable.Files(directory: dir, name: "stream")
            let arrayRef = try CacheTable.create(arrayFiles, entries: entries)
            let streamRef = try CacheTable.create(streamFiles, count: entries.count) { emit in
                for (key, value) in entries { emit(key, value) }
            }
            #expect(streamRef.length == arrayRef.length)
            #expect(try Data(contentsOf: streamFiles.values) == Data(contentsOf: arrayFiles.values))
            let table = try #require(CacheTable.open(streamFiles, ref: streamRef))
            for (key, value) in entries { #expect(table.value(for: key) == value) }
            #expect(table.value(for: Array("absent".utf8)) == nil)
            #expect(table.entries().count == entries.count)
            // The index holds the same slots as the array form's (only the generation differs).
            let streamIndex = try Data(contentsOf: streamFiles.index), arrayIndex = try Data(contentsOf: arrayFiles.index)
            #expect(streamIndex.count == arrayIndex.count)
            #expect(streamIndex.dropFirst(16) == arrayIndex.dropFirst(16))
        }
    }

    @Test func producerThatExceedsItsCountWritesNothing() throws {
        try withTemporaryDirectory("stream-overflow") { dir in
            let files = CacheTable.Files(directory: dir, name: "t")
            #expect(throws: LedgerError.self) {
                _ = try CacheTable.create(files, count: 2) { emit in
                    for (key, value) in Self.entries(3, valueSize: 4) { emit(key, value) }
                }
            }
            #expect(!FileManager.default.fileExists(atPath: files.values.path))
            #expect(!FileManager.default.fileExists(atPath: files.index.path))
            let leftovers = try FileManager.default.contentsOfDirectory(atPath: dir.path)
            #expect(leftovers.isEmpty, "temporary files left: \(leftovers)")
        }
    }
}
