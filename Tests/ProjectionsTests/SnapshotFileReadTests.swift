import Foundation
import MutualLedger
@testable import Projections
import Testing

/// ``RecordSnapshot/init(contentsOf:point:window:)`` reads the file in windows and must accept
/// and reject exactly what ``RecordSnapshot/init(decoding:point:)`` does on the whole bytes.
@Suite struct SnapshotFileReadTests {
    static func snapshotFile(seed: UInt64) throws -> (GeneratedLedger, URL, [UInt8]) {
        let ledger = try GeneratedLedger(seed: seed, steps: 250)
        let stream = try RecordReader(directory: ledger.dir, useSnapshots: false).read(at: .latest).stream
        let bytes = RecordSnapshot(stream: stream, offset: 10, lastLineStart: 5).encoded()
        let url = ledger.root.appendingPathComponent("test.snapshot")
        try Data(bytes).write(to: url)
        return (ledger, url, bytes)
    }

    /// Windows smaller than one value, of odd sizes and larger than the file give the same stream.
    @Test(arguments: [1, 7, 100, 4096, 1 << 20])
    func readInWindowsEqualsDecodingTheBytes(window: Int) throws {
        let (ledger, url, bytes) = try Self.snapshotFile(seed: 81)
        defer { ledger.remove() }
        let whole = try RecordSnapshot(decoding: bytes)
        let windowed = try RecordSnapshot(contentsOf: url.path, window: window)
        #expect(windowed == whole)
        #expect(windowed.stream.items.count > 50)
    }

    /// A flipped byte anywhere (content or checksum) and a cut-short file are refused by both.
    @Test func damagedFilesAreRefusedAsTheBytesAre() throws {
        let (ledger, url, bytes) = try Self.snapshotFile(seed: 82)
        defer { ledger.remove() }
        let positions = [0, 30, bytes.count / 2, bytes.count - 65, bytes.count - 64, bytes.count - 1]
        for position in positions {
            var damaged = bytes
            damaged[position] ^= 0x01
            try Data(damaged).write(to: url)
            #expect(throws: SnapshotReader.Malformed.self, "flip at \(position)") { try RecordSnapshot(decoding: damaged) }
            #expect(throws: SnapshotReader.Malformed.self, "flip at \(position)") { try RecordSnapshot(contentsOf: url.path, window: 64) }
        }
        for length in [0, 10, bytes.count - 64, bytes.count - 1] {
            let short = Array(bytes.prefix(length))
            try Data(short).write(to: url)
            #expect(throws: SnapshotReader.Malformed.self, "cut to \(length)") { try RecordSnapshot(contentsOf: url.path, window: 64) }
        }
        #expect(throws: SnapshotReader.Malformed.self) { try RecordSnapshot(contentsOf: url.path + ".absent") }
    }
}
