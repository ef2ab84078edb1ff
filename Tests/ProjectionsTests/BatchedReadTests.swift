import Foundation
import MutualLedger
import PartnershipEvents
@testable import Projections
import Testing

/// The read that decodes lines on worker threads (``RecordReader/readInBatches``) against the
/// in-order read: the same stream, the same report bytes, and the same first failure.
@Suite struct BatchedReadTests {
    /// An in-order reader, and one that decodes in batches of `batchBytes` from the first byte.
    static func readers(_ dir: LedgerDirectory, batchBytes: Int) -> (RecordReader, RecordReader) {
        (RecordReader(directory: dir, useSnapshots: false, decodeThreads: 1),
         RecordReader(directory: dir, useSnapshots: false, decodeThreads: 2, batchBytes: batchBytes, parallelFrom: 0))
    }

    /// What a read gives: its stream, or the error it threw.
    static func outcome(_ reader: RecordReader, _ point: ReportPoint) -> Result<RecordStream, LedgerError> {
        do throws(LedgerError) {
            return .success(try reader.read(at: point).stream)
        } catch {
            return .failure(error)
        }
    }

    @Test(arguments: [(41, 1), (42, 700), (43, 1 << 14)] as [(UInt64, Int)])
    func batchedReadsGiveTheSameStreamAndReports(_ seed: UInt64, _ batchBytes: Int) throws {
        let ledger = try GeneratedLedger(seed: seed, steps: 300)
        defer { ledger.remove() }
        let lines = try ledger.lines()
        let amendments = lines.filter { String(decoding: $0, as: UTF8.self).contains("\"type\":\"event.") }.count
        #expect(amendments > 20)
        let (inOrder, batched) = Self.readers(ledger.dir, batchBytes: batchBytes)
        var points: [ReportPoint] = [.latest, .at(seq: 0), .at(seq: lines.count - 1)]
        points += stride(from: 5, to: lines.count, by: 53).map { .at(seq: $0) }
        points += ["2024-02-01", "2024-09-30", "2030-01-01"].map { .asOf(Fixture.day($0)) }
        for point in points {
            let expected = try inOrder.read(at: point).stream
            let got = try batched.read(at: point).stream
            #expect(got == expected, "\(point)")
            #expect(got.position == expected.position)
            for kind in ReportDocument.Kind.allCases {
                for format in ReportFormat.allCases {
                    let a = ReportDocument.build(kind, record: expected.record(), position: expected.position,
                                                 reportDate: expected.reportDate, period: .allTime, partnership: nil, point: point)
                    let b = ReportDocument.build(kind, record: got.record(), position: got.position,
                                                 reportDate: got.reportDate, period: .allTime, partnership: nil, point: point)
                    #expect(a.render(format) == b.render(format), "\(kind) \(format) \(point)")
                }
            }
        }
        // --at beyond the log fails the same way.
        #expect(Self.outcome(batched, .at(seq: lines.count + 5)) == Self.outcome(inOrder, .at(seq: lines.count + 5)))
        if case .success = Self.outcome(batched, .at(seq: lines.count + 5)) { Issue.record("--at beyond the log was accepted") }
    }

    enum Damage: String, CaseIterable { case notJSON, wrongSeq, wrongPrev, tooLong, noFinalNewline }

    /// A damaged line in the middle: both reads fail at the same seq with the same message, and
    /// both succeed for a point before the damage.
    @Test(arguments: Damage.allCases)
    func aDamagedLogFailsTheSameWay(_ damage: Damage) throws {
        let ledger = try GeneratedLedger(seed: 51, steps: 150)
        defer { ledger.remove() }
        var lines = try ledger.lines()
        let at = lines.count / 2
        switch damage {
        case .notJSON: lines[at] = Array("{\"seq\":".utf8)
        case .wrongSeq: lines[at] = Array(String(decoding: lines[at], as: UTF8.self).replacingOccurrences(of: "\"seq\":\(at)", with: "\"seq\":\(at + 1)").utf8)
        case .wrongPrev: lines[at] = lines[at - 1]
        case .tooLong: lines[at] = [UInt8](repeating: UInt8(ascii: "x"), count: LogFile.maxLineLength + 10)
        case .noFinalNewline: break
        }
        var bytes: [UInt8] = lines.flatMap { $0 + [0x0a] }
        if damage == .noFinalNewline { bytes.removeLast() }
        try Data(bytes).write(to: ledger.dir.events)
        let (inOrder, batched) = Self.readers(ledger.dir, batchBytes: 2048)
        let expected = Self.outcome(inOrder, .latest)
        #expect(Self.outcome(batched, .latest) == expected)
        if damage != .noFinalNewline {
            guard case .failure(let error) = expected else {
                Issue.record("the damaged log was read")
                return
            }
            #expect(error.seq == (damage == .tooLong ? nil : at))
        }
        let before = Self.outcome(inOrder, .at(seq: at - 1))
        #expect(Self.outcome(batched, .at(seq: at - 1)) == before)
        if case .failure(let error) = before { Issue.record("a point before the damage failed: \(error)") }
    }
}
