import Foundation
import MutualLedger
import PartnershipEvents
@testable import Projections
import Testing

/// The streaming fold (``RecordStream``) and its snapshots against the batch fold
/// (``ProjectionRunner`` + ``CorrectedEvents`` + ``PartnershipRecordProjection``).
@Suite struct StreamingRecordTests {
    /// Feeds `lines[range]` into `stream` through the fast decoder.
    static func feed(_ lines: [[UInt8]], _ range: Range<Int>, into stream: inout RecordStream) throws {
        for index in range {
            let line = try lines[index].withUnsafeBytes { raw throws(LedgerError) in try DecodedLine.fast(raw) }
            guard try stream.add(line, hash: LedgerLine.hash(of: lines[index])) else { return }
        }
    }

    static func batch(_ dir: LedgerDirectory, _ point: ReportPoint = .latest) throws -> (PartnershipRecord, LedgerSlice) {
        let slice = try ProjectionRunner(directory: dir).read(at: point, keeping: PartnershipRecordProjection.eventTypes)
        return (PartnershipRecordProjection().fold(slice.events), slice)
    }

    @Test(arguments: [11, 12, 13] as [UInt64])
    func streamAndSnapshotResumeEqualTheBatchFold(_ seed: UInt64) throws {
        let ledger = try GeneratedLedger(seed: seed, steps: 400)
        defer { ledger.remove() }
        let lines = try ledger.lines()
        let (expected, slice) = try Self.batch(ledger.dir)
        // The generated history really amends events recorded long before.
        let amendments = lines.filter { String(decoding: $0, as: UTF8.self).contains("\"type\":\"event.") }.count
        #expect(amendments > 30)
        #expect(!expected.visits.isEmpty && !expected.debriefs.isEmpty && !expected.innovations.isEmpty)

        var whole = RecordStream(point: .latest)
        try Self.feed(lines, 0..<lines.count, into: &whole)
        #expect(whole.record() == expected)
        #expect(whole.position == slice.position)
        #expect(whole.reportDate == slice.reportDate)

        for cut in stride(from: 1, to: lines.count, by: 37) {
            var first = RecordStream(point: .latest)
            try Self.feed(lines, 0..<cut, into: &first)
            let saved = RecordSnapshot(stream: first, offset: 1, lastLineStart: 0).encoded()
            var resumed = try RecordSnapshot(decoding: saved).stream
            #expect(resumed == first)
            try Self.feed(lines, cut..<lines.count, into: &resumed)
            #expect(resumed.record() == expected, "cut at \(cut)")
            #expect(resumed.position == slice.position)
        }
    }

    @Test(arguments: [21, 22] as [UInt64])
    func everyPointEqualsTheBatchFold(_ seed: UInt64) throws {
        let ledger = try GeneratedLedger(seed: seed, steps: 200)
        defer { ledger.remove() }
        let lines = try ledger.lines()
        var points: [ReportPoint] = stride(from: 3, to: lines.count, by: 29).map { .at(seq: $0) }
        points += ["2024-03-01", "2024-06-30", "2025-01-01"].map { .asOf(Fixture.day($0)) }
        for point in points {
            let (expected, slice) = try Self.batch(ledger.dir, point)
            let streamed = try RecordReader(directory: ledger.dir, useSnapshots: false).read(at: point).stream
            #expect(streamed.record() == expected, "\(point)")
            #expect(streamed.position == slice.position)
            #expect(streamed.reportDate == slice.reportDate)
        }
    }

    /// A second event with an id already read is ignored, as the batch fold ignores it: the
    /// first keeps its place in the index and in the record.
    @Test func aRepeatedEventIdIsReadOnce() throws {
        let day = Fixture.day("2025-01-01")
        let id = EventKey(high: 1, low: 2)
        func line(_ seq: Int, prev: String, name: String) -> DecodedLine {
            DecodedLine(seq: seq, prev: prev, isGenesis: false, date: day, kind: .org, id: id, partnership: nil, author: nil,
                        body: .org(id: name, name: name, incomeGroup: "LIC"), target: nil, replacement: nil)
        }
        var stream = RecordStream(point: .latest)
        #expect(try stream.add(line(0, prev: LedgerLine.zeroHash, name: "first"), hash: "h0"))
        #expect(try stream.add(line(1, prev: "h0", name: "second"), hash: "h1"))
        #expect(try stream.add(line(2, prev: "h1", name: "third"), hash: "h2"))
        #expect(stream.items.count == 1)
        #expect(stream.index[id] == 0)
        #expect(stream.record().orgs.keys.sorted() == ["first"])
        #expect(stream.count == 3)
    }

    /// The snapshot written in pieces (as `RecordReader` saves it) is the same bytes as the one
    /// encoded whole, ends with the SHA-256 of the rest, and reads back as the same stream.
    @Test func aSnapshotEncodedInPiecesIsTheSameBytes() throws {
        let ledger = try GeneratedLedger(seed: 71, steps: 200)
        defer { ledger.remove() }
        let stream = try RecordReader(directory: ledger.dir, useSnapshots: false).read(at: .latest).stream
        let snapshot = RecordSnapshot(stream: stream, offset: 10, lastLineStart: 5)
        let whole = snapshot.encoded()
        for piece in [1, 100, 1 << 20] {
            var pieces: [[UInt8]] = []
            snapshot.encode(piece: piece) { pieces.append($0) }
            #expect(Array(pieces.joined()) == whole, "pieces of \(piece)")
            if piece == 100 { #expect(pieces.count > 10) }
        }
        #expect(Array(whole.suffix(64)) == Array(LedgerLine.hash(of: whole.dropLast(64)).utf8))
        #expect(try RecordSnapshot(decoding: whole).stream == stream)
    }

    /// On disk: a snapshot of a prefix, then the rest of the log appended (amendments of events
    /// before the snapshot included), gives the report computed from line 0, byte for byte.
    @Test(arguments: [31, 32] as [UInt64])
    func resumedReportAfterAppendsEqualsARebuild(_ seed: UInt64) throws {
        let ledger = try GeneratedLedger(seed: seed, steps: 300)
        defer { ledger.remove() }
        let lines = try ledger.lines()
        for cut in [lines.count / 3, 2 * lines.count / 3, lines.count - 1] {
            let copy = LedgerDirectory(ledger.root.appendingPathComponent("copy-\(cut)"))
            try FileManager.default.createDirectory(at: copy.root, withIntermediateDirectories: true)
            let prefix: [UInt8] = lines[..<cut].flatMap { $0 + [0x0a] }
            try Data(prefix).write(to: copy.events)
            let first = try RecordReader(directory: copy).read(at: .latest)
            #expect(first.resumedAt == 0)
            #expect(first.savedSnapshot)
            let handle = try FileHandle(forWritingTo: copy.events)
            try handle.seekToEnd()
            let rest: [UInt8] = lines[cut...].flatMap { $0 + [0x0a] }
            try handle.write(contentsOf: Data(rest))
            try handle.close()
            let resumed = try RecordReader(directory: copy).read(at: .latest)
            #expect(resumed.resumedAt == cut)
            let rebuilt = try RecordReader(directory: copy, useSnapshots: false).read(at: .latest)
            #expect(resumed.stream.record() == rebuilt.stream.record())
            #expect(resumed.stream.position == rebuilt.stream.position)
            for kind in ReportDocument.Kind.allCases {
                for format in ReportFormat.allCases {
                    let a = ReportDocument.build(kind, record: resumed.stream.record(), position: resumed.stream.position,
                                                 reportDate: resumed.stream.reportDate, period: .allTime, partnership: nil)
                    let b = ReportDocument.build(kind, from: try ProjectionRunner(directory: copy).read(at: .latest), period: .allTime, partnership: nil)
                    #expect(a.render(format) == b.render(format), "\(kind) \(format) cut \(cut)")
                }
            }
        }
    }
}
