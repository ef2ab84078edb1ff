import Foundation
@testable import MutualLedger
import Testing

/// The canonical fast path (``CanonicalJSON/parseCanonicalFast(_:)``: canonical form checked while
/// parsing, no re-encoding) against the general check (strict parse, re-encode, compare): whenever
/// the fast path accepts bytes, the general check accepts them with the same value; on the lines
/// Mutual writes it always accepts.
@Suite struct FastDecoderTests {
    /// The general check alone.
    static func general(_ bytes: [UInt8]) -> JSONValue? {
        guard let value = try? JSONValue(parsing: bytes), value.canonicalBytes == bytes else { return nil }
        return value
    }

    static func fast(_ bytes: [UInt8]) -> JSONValue? {
        bytes.withUnsafeBufferPointer { CanonicalJSON.parseCanonicalFast($0) }
    }

    /// Fast acceptance implies general acceptance with the same value.
    static func expectAgreement(_ bytes: [UInt8], _ label: @autoclosure () -> String) {
        guard let fast = fast(bytes) else { return }
        #expect(general(bytes) == fast, "\(label()): fast path accepted what the general check refuses")
    }

    /// Byte-level mutations: flips, whitespace, deletions, swapped neighbours.
    static func mutations(of bytes: [UInt8], seed: UInt64) -> [[UInt8]] {
        var generator = SplitMix64(seed: seed)
        var result: [[UInt8]] = []
        for _ in 0..<24 where !bytes.isEmpty {
            let at = Int(generator.next() % UInt64(bytes.count))
            var flipped = bytes
            flipped[at] ^= [0x01, 0x20, 0x04, 0x80, 0x10][Int(generator.next() % 5)]
            result.append(flipped)
            var spaced = bytes
            spaced.insert([0x20, 0x0a, 0x09][Int(generator.next() % 3)], at: at)
            result.append(spaced)
            var shorter = bytes
            shorter.remove(at: at)
            result.append(shorter)
            if at + 1 < bytes.count {
                var swapped = bytes
                swapped.swapAt(at, at + 1)
                result.append(swapped)
            }
        }
        return result
    }

    @Test func ledgerLinesAreAcceptedWithTheSameValue() throws {
        try withTemporaryDirectory("fast-lines") { dir in
            let fixture = try TamperFixture(root: dir)
            for (seq, line) in fixture.lines.enumerated() {
                let fast = try #require(Self.fast(line), "seq \(seq): the fast path bailed on a line Mutual wrote")
                #expect(fast == Self.general(line), "seq \(seq)")
                #expect(try LedgerLine(bytes: line).bytes == line)
                for (index, mutated) in Self.mutations(of: line, seed: UInt64(seq)).enumerated() {
                    Self.expectAgreement(mutated, "seq \(seq) mutation \(index)")
                }
            }
        }
    }

    @Test func canonicalVectorsAndStrictParsingFixturesAgree() {
        for vector in CanonicalVectorTests.vectors {
            for text in [vector.input, vector.output] {
                let bytes = Array(text.utf8)
                Self.expectAgreement(bytes, vector.name)
                for (index, mutated) in Self.mutations(of: bytes, seed: 7).enumerated() {
                    Self.expectAgreement(mutated, "\(vector.name) mutation \(index)")
                }
            }
            #expect(Self.fast(Array(vector.input.utf8)) == nil || vector.input == vector.output, "\(vector.name): input is not canonical")
        }
        for rejection in StrictParsingTests.rejections {
            #expect(Self.fast(rejection.bytes) == nil, "\(rejection.name)")
        }
        for (text, _) in StrictParsingTests.acceptances {
            Self.expectAgreement(Array(text.utf8), text)
        }
    }

    /// Random values (strings with escapes, control characters, non-ASCII, member names that need
    /// escaping or sort differently in UTF-16): their canonical bytes agree, and so do variants.
    @Test func randomValuesAgree() {
        var generator = SplitMix64(seed: 0xFA57)
        let pieces = ["a", "B", "é", "€", "😂", "\u{FB33}", "\"", "\\", "/", "\n", "\t", "\u{01}", "\u{7F}", " ", "10", "1", ""]
        func text() -> String {
            (0..<Int(generator.next() % 4)).map { _ in pieces[Int(generator.next() % UInt64(pieces.count))] }.joined()
        }
        func value(_ depth: Int) -> JSONValue {
            switch generator.next() % (depth > 3 ? 4 : 6) {
            case 0: return .integer(Int64(bitPattern: generator.next()) % JSONValue.maxSafeInteger)
            case 1: return .string(text())
            case 2: return [.null, .bool(true), .bool(false)][Int(generator.next() % 3)]
            case 3: return .integer(Int64(generator.next() % 3) - 1)
            case 4: return .array((0..<Int(generator.next() % 4)).map { _ in value(depth + 1) })
            default:
                var members: [String: JSONValue] = [:]
                for _ in 0..<Int(generator.next() % 5) { members[text()] = value(depth + 1) }
                return .object(members)
            }
        }
        var accepted = 0
        for round in 0..<3_000 {
            let original = value(0)
            let bytes = original.canonicalBytes
            if let fast = Self.fast(bytes) {
                #expect(fast == original, "round \(round)")
                accepted += 1
            }
            Self.expectAgreement(bytes, "round \(round)")
            for (index, mutated) in Self.mutations(of: bytes, seed: UInt64(round)).prefix(8).enumerated() {
                Self.expectAgreement(mutated, "round \(round) mutation \(index)")
            }
        }
        #expect(accepted > 1_000)
    }
}
