import Foundation
@testable import MutualLedger
import Testing

/// The line scanner (``LedgerLine/scan(_:)``: envelope checked in place, event read from its sorted
/// members) against the general reading (``LedgerLine/init(general:)``: the whole line parsed into a
/// JSON tree, then each member checked). On every input the two agree: the same line and signed
/// bytes, or the same error, or the scanner declines and the general reading decides. And
/// `LedgerLine(bytes:)`, which tries the scanner first, gives exactly what the general reading gives.
@Suite struct LineScannerTests {
    enum Outcome: Equatable {
        case line(LedgerLine, signed: [UInt8])
        case failure(LedgerError)
        case declined
    }

    static func general(_ bytes: [UInt8]) -> Outcome {
        bytes.withUnsafeBufferPointer { buffer in
            do throws(LedgerError) {
                let line = try LedgerLine(general: buffer)
                return .line(line, signed: line.signingBytes)
            } catch {
                return .failure(error)
            }
        }
    }

    static func scanned(_ bytes: [UInt8]) -> Outcome {
        bytes.withUnsafeBufferPointer { buffer in
            do throws(LedgerError) {
                guard let line = try LedgerLine.scan(buffer) else { return .declined }
                return .line(line, signed: line.signingBytes)
            } catch {
                return .failure(error)
            }
        }
    }

    static func public_(_ bytes: [UInt8]) -> Outcome {
        do throws(LedgerError) {
            let line = try LedgerLine(bytes: bytes)
            return .line(line, signed: line.signingBytes)
        } catch {
            return .failure(error)
        }
    }

    /// Checks agreement on `bytes`; returns whether the scanner took them.
    @discardableResult
    static func expectAgreement(_ bytes: [UInt8], _ label: @autoclosure () -> String) -> Bool {
        let general = general(bytes)
        let scanned = scanned(bytes)
        #expect(public_(bytes) == general, "\(label()): LedgerLine(bytes:) differs from the general reading")
        if scanned == .declined { return false }
        #expect(scanned == general, "\(label()): the scanner and the general reading disagree")
        if case .line(let line, let signed) = scanned {
            // The sliced signed bytes are exactly the re-encoded event's.
            #expect(signed == line.event.signingBytes, "\(label()): sliced signed bytes differ from the encoding")
            #expect(line.bytes == bytes, "\(label()): the line does not re-encode to its bytes")
        }
        return true
    }

    @Test func fixtureLinesAreTakenAndAgreeAndSoDoTheirMutations() throws {
        try withTemporaryDirectory("scan-fixture") { dir in
            let fixture = try TamperFixture(root: dir)
            for (seq, line) in fixture.lines.enumerated() {
                #expect(Self.expectAgreement(line, "seq \(seq)"), "seq \(seq): the scanner declined a line Mutual wrote")
                for (index, mutated) in FastDecoderTests.mutations(of: line, seed: UInt64(seq) &+ 99).enumerated() {
                    Self.expectAgreement(mutated, "seq \(seq) mutation \(index)")
                }
            }
        }
    }

    @Test func strictParsingAndCanonicalFixturesAgree() {
        for rejection in StrictParsingTests.rejections {
            #expect(Self.scanned(rejection.bytes) == .declined, "\(rejection.name)")
            Self.expectAgreement(rejection.bytes, rejection.name)
        }
        for vector in CanonicalVectorTests.vectors {
            Self.expectAgreement(Array(vector.input.utf8), vector.name)
            Self.expectAgreement(Array(vector.output.utf8), vector.name)
        }
    }

    /// Generated lines: random (valid and invalid) events, bodies of every JSON shape, members
    /// added, dropped or retyped, envelopes with odd seq, prev, sig and v.
    @Test func generatedLinesAgree() throws {
        var generator = SplitMix64(seed: 0x5CA7)
        let key = try seededKey(7)
        var taken = 0
        var failures = 0
        for round in 0..<1_500 {
            let line = try Self.randomLine(&generator, key: key)
            if Self.expectAgreement(line, "round \(round)") { taken += 1 }
            if case .failure = Self.general(line) { failures += 1 }
            for (index, mutated) in FastDecoderTests.mutations(of: line, seed: UInt64(round)).prefix(6).enumerated() {
                Self.expectAgreement(mutated, "round \(round) mutation \(index)")
            }
        }
        // Both kinds were exercised: lines the scanner took, and lines the general reading refused.
        #expect(taken > 500)
        #expect(failures > 100)
    }

    /// The signature text decoder takes exactly the canonical base64 of 64 bytes.
    @Test func signatureDecoderMatchesBase64() {
        var generator = SplitMix64(seed: 0xB64)
        let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/=-_ ".utf8)
        for round in 0..<2_000 {
            let bytes = (0..<64).map { _ in UInt8(truncatingIfNeeded: generator.next()) }
            var text = Array(Base64.encode(bytes).utf8)
            if round % 2 == 1 {
                text[Int(generator.next() % UInt64(text.count))] = alphabet[Int(generator.next() % UInt64(alphabet.count))]
            }
            let expected = Base64.decode(String(decoding: text, as: UTF8.self)).flatMap { $0.count == 64 ? $0 : nil }
            let decoded = text.withUnsafeBufferPointer { LedgerLine.signature($0) }
            #expect(decoded == expected, "round \(round): \(String(decoding: text, as: UTF8.self))")
            if round % 2 == 0 { #expect(decoded == bytes) }
        }
        #expect(Array("AA==".utf8).withUnsafeBufferPointer { LedgerLine.signature($0) } == nil)
    }

    /// The line hash's hex, written straight into a string, is the text `Hex.encode` writes; and
    /// the hash is SHA-256 (FIPS 180-2 test vector "abc").
    @Test func lineHashTextMatchesHexEncoding() {
        var generator = SplitMix64(seed: 0x4E5)
        for length in [0, 1, 32, 33, 300] {
            let bytes = (0..<length).map { _ in UInt8(truncatingIfNeeded: generator.next()) }
            #expect(bytes.withUnsafeBytes { LedgerLine.hexText($0) } == Hex.encode(bytes))
        }
        #expect(LedgerLine.hash(of: Array("abc".utf8)) == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
    }

    /// `Event(json:)` checks member names without sorting when they are the usual ones; the others
    /// still get the documented messages (unknown before missing, missing in name order).
    @Test(arguments: [
        ("extra", JSONValue.integer(1), nil, "event has unknown member \"extra\""),
        ("extra", .integer(1), "occurred", "event has unknown member \"extra\""),
        (nil, nil, "body", "event has no \"body\" member"),
        (nil, nil, "author", "event has no \"author\" member"),
        ("occurred", .string("2026-02-30"), nil, "event occurred must be a date"),
        ("occurred", .null, nil, "event occurred must be a date"),
    ] as [(String?, JSONValue?, String?, String)])
    func eventMemberNamesAreCheckedWithTheirMessages(_ add: String?, _ value: JSONValue?, _ remove: String?, _ message: String) throws {
        var object: [String: JSONValue] = [
            "id": "7f0c2a9e-3b1d-4c55-9a0e-2f6d8b1c4e77", "type": "note.added", "schema": 1, "partnership": nil,
            "recorded": "2026-03-01T09:30:00Z", "author": "ed25519:0123456789abcdef", "body": ["text": "x"],
        ]
        #expect(try Event(json: .object(object)).id == "7f0c2a9e-3b1d-4c55-9a0e-2f6d8b1c4e77")
        if let add { object[add] = value }
        if let remove { object[remove] = nil }
        #expect(throws: LedgerError.self) { try Event(json: .object(object)) }
        do {
            _ = try Event(json: .object(object))
        } catch {
            #expect(error.message.hasPrefix(message), "\(error.message)")
        }
    }

    /// The one-pass event type check against the split-based definition it replaced.
    @Test(arguments: ["visit.recorded", "a.b", "a", ".a", "a.", "a..b", "a-.b", "A.b", "a.B", "a1.b-2", "1a.b", "a.b.c",
                      "a_b.c", "é.b", "a.é", "", ".", "a.-b", "ab.c\u{301}", String(repeating: "a", count: 62) + ".b",
                      String(repeating: "a", count: 63) + ".b"])
    func eventTypeCheckMatchesItsDefinition(_ text: String) {
        let parts = text.split(separator: ".", omittingEmptySubsequences: false)
        let reference = text.utf8.count <= 64 && text.utf8.contains(0x2e) && parts.allSatisfy { part in
            guard let first = part.utf8.first, first >= 0x61, first <= 0x7a else { return false }
            return part.utf8.allSatisfy { ($0 >= 0x61 && $0 <= 0x7a) || ($0 >= 0x30 && $0 <= 0x39) || $0 == 0x2d }
        }
        #expect(EventType.isValid(text) == reference)
    }
}
