import Foundation
import MutualLedger
import PartnershipEvents
@testable import Projections
import Testing

/// The projection snapshot in DIR/cache/: used only when it matches the log, else ignored and
/// rebuilt; reports are the same bytes with it, without it, and after it was ignored.
@Suite struct SnapshotCacheTests {
    static func reports(_ dir: LedgerDirectory, useSnapshots: Bool) throws -> [[UInt8]] {
        let maker = ReportMaker(directory: dir, useSnapshots: useSnapshots)
        return try ReportDocument.Kind.allCases.flatMap { kind -> [[UInt8]] in
            let request = ReportRequest(kind: kind, partnership: kind == .partnership ? "p1" : nil)
            let doc = try maker.make(request)
            return [doc.render(.json), doc.render(.table), doc.render(.html)]
        }
    }

    static func snapshotURL(_ dir: LedgerDirectory) -> URL { RecordReader(directory: dir).snapshotURL }

    @Test func aSnapshotIsSavedAndResumedWithTheSameBytes() throws {
        let fixture = try Fixture(.corrections)
        defer { fixture.remove() }
        let rebuilt = try Self.reports(fixture.dir, useSnapshots: false)
        #expect(!FileManager.default.fileExists(atPath: Self.snapshotURL(fixture.dir).path))
        let first = try Self.reports(fixture.dir, useSnapshots: true)
        #expect(FileManager.default.fileExists(atPath: Self.snapshotURL(fixture.dir).path))
        #expect(try RecordReader(directory: fixture.dir).read(at: .latest).resumedAt == 20)
        let second = try Self.reports(fixture.dir, useSnapshots: true)
        #expect(first == rebuilt)
        #expect(second == rebuilt)
    }

    enum Damage: String, CaseIterable { case flippedByte, cutShort, garbage, otherProjectionVersion, otherFormat }

    @Test(arguments: Damage.allCases)
    func aDamagedSnapshotIsIgnoredAndRebuilt(_ damage: Damage) throws {
        let fixture = try Fixture(.corrections)
        defer { fixture.remove() }
        let expected = try Self.reports(fixture.dir, useSnapshots: false)
        _ = try RecordReader(directory: fixture.dir).read(at: .latest)
        let url = Self.snapshotURL(fixture.dir)
        var bytes = [UInt8](try Data(contentsOf: url))
        switch damage {
        case .flippedByte: bytes[bytes.count / 2] ^= 0x01
        case .cutShort: bytes = Array(bytes.prefix(bytes.count - 100))
        case .garbage: bytes = Array("not a snapshot".utf8)
        case .otherProjectionVersion, .otherFormat:
            // A well-formed file (checksum recomputed) of another projection version or layout.
            var body = Array(bytes.dropLast(64))
            let at = damage == .otherFormat ? RecordSnapshot.magic.count : RecordSnapshot.magic.count + 4 + 4 + RecordSnapshot.projection.utf8.count
            body[at] &+= 1
            bytes = body + Array(LedgerLine.hash(of: body).utf8)
        }
        #expect((try? RecordSnapshot(decoding: bytes)) == nil)
        try Data(bytes).write(to: url)
        let read = try RecordReader(directory: fixture.dir).read(at: .latest)
        #expect(read.resumedAt == 0)
        #expect(read.savedSnapshot)
        try Data(bytes).write(to: url)
        #expect(try Self.reports(fixture.dir, useSnapshots: true) == expected)
    }

    @Test func aTruncatedLogIgnoresTheSnapshot() throws {
        let fixture = try Fixture(.corrections)
        defer { fixture.remove() }
        _ = try RecordReader(directory: fixture.dir).read(at: .latest)
        // Cut the log back to 18 lines (the snapshot covers 20).
        let lines = [UInt8](try Data(contentsOf: fixture.dir.events)).split(separator: 0x0a).map(Array.init)
        let kept: [UInt8] = lines[..<18].flatMap { $0 + [0x0a] }
        try Data(kept).write(to: fixture.dir.events)
        let read = try RecordReader(directory: fixture.dir).read(at: .latest)
        #expect(read.resumedAt == 0)
        let rebuilt = try RecordReader(directory: fixture.dir, useSnapshots: false).read(at: .latest)
        #expect(read.stream == rebuilt.stream)
        #expect(read.stream.count == 18)
    }

    /// Another history of the same length: the snapshot's last line no longer hashes the same.
    @Test func anEditedLogIgnoresTheSnapshot() throws {
        let fixture = try Fixture(.policies)
        let other = try Fixture(.corrections)
        defer { fixture.remove(); other.remove() }
        _ = try RecordReader(directory: fixture.dir).read(at: .latest)
        try FileManager.default.removeItem(at: fixture.dir.events)
        try FileManager.default.copyItem(at: other.dir.events, to: fixture.dir.events)
        let read = try RecordReader(directory: fixture.dir).read(at: .latest)
        #expect(read.resumedAt == 0)
        let rebuilt = try RecordReader(directory: other.dir, useSnapshots: false).read(at: .latest)
        #expect(read.stream == rebuilt.stream)
        // An edit of the snapshot's last line itself, same length: the chain check still refuses
        // what the strict reader refuses, since the rebuild reads every line again.
        _ = try RecordReader(directory: fixture.dir).read(at: .latest)
        var bytes = [UInt8](try Data(contentsOf: fixture.dir.events))
        let lastLineStart = (bytes.dropLast().lastIndex(of: 0x0a) ?? 0) + 1
        let text = String(decoding: bytes[lastLineStart...], as: UTF8.self).replacingOccurrences(of: "\"duplicate\"", with: "\"dupl1cate\"")
        bytes = Array(bytes[..<lastLineStart]) + Array(text.utf8)
        try Data(bytes).write(to: fixture.dir.events)
        let edited = try RecordReader(directory: fixture.dir).read(at: .latest)
        #expect(edited.resumedAt == 0)
        #expect(edited.stream.lastHash != read.stream.lastHash)
    }

    /// A cache that cannot be written (here `cache` is a file, not a folder) never fails a report.
    @Test func anUnwritableCacheStillReports() throws {
        let fixture = try Fixture(.corrections)
        defer { fixture.remove() }
        let expected = try Self.reports(fixture.dir, useSnapshots: false)
        try? FileManager.default.removeItem(at: fixture.dir.cache)
        try Data("x".utf8).write(to: fixture.dir.cache)
        let read = try RecordReader(directory: fixture.dir).read(at: .latest)
        #expect(!read.savedSnapshot)
        #expect(try Self.reports(fixture.dir, useSnapshots: true) == expected)
    }

    /// `--at` resumes from a snapshot at or before its seq, never from one past it.
    @Test func atPointsUseOnlyAnEarlierSnapshot() throws {
        let fixture = try Fixture(.corrections)
        defer { fixture.remove() }
        _ = try RecordReader(directory: fixture.dir).read(at: .latest)
        for seq in [5, 18, 19] {
            let read = try RecordReader(directory: fixture.dir).read(at: .at(seq: seq))
            #expect(read.resumedAt == (seq == 19 ? 20 : 0))
            let rebuilt = try RecordReader(directory: fixture.dir, useSnapshots: false).read(at: .at(seq: seq))
            #expect(read.stream.record() == rebuilt.stream.record())
            #expect(read.stream.position == rebuilt.stream.position)
        }
        #expect(throws: LedgerError.self) { try RecordReader(directory: fixture.dir).read(at: .at(seq: 20)) }
    }
}
