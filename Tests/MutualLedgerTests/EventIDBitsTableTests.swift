import Foundation
@testable import MutualLedger
import Testing

/// The table reading of a canonical event id (`EventIDBits.canonical`) against the byte loops it
/// replaces on the verify path: the same bits for every canonical id, nil for every other text,
/// and `EventIDIndex.bits` unchanged for non-canonical spellings (hyphens anywhere).
@Suite struct EventIDBitsTableTests {
    static func ids(_ count: Int, seed: UInt64) -> [String] {
        var generator = SplitMix64(seed: seed)
        return (0..<count).map { _ in EventIDBits(high: generator.next(), low: generator.next()).text }
    }

    static func canonical(_ text: String) -> EventIDBits? {
        Array(text.utf8).withUnsafeBufferPointer { EventIDBits.canonical($0) }
    }

    @Test func canonicalIDsReadAsTheLoopReadsThem() {
        for text in Self.ids(500, seed: 11) + ["00000000-0000-0000-0000-000000000000", "ffffffff-ffff-ffff-ffff-ffffffffffff"] {
            let loop = EventIDBits.parse(Array(text.utf8))
            #expect(loop != nil)
            #expect(Self.canonical(text) == loop, "\(text)")
            #expect(EventIDBits(canonical: text) == loop)
            #expect(EventIDIndex.bits(text) == loop)
            #expect(Self.canonical(text)?.text == text)
        }
    }

    /// Every byte of an id replaced by every other byte value: the table and the loop agree.
    @Test func everyMutationIsDecidedAsByTheLoop() {
        for text in Self.ids(3, seed: 12) {
            let bytes = Array(text.utf8)
            for position in bytes.indices {
                for value in UInt8.min...UInt8.max where value != bytes[position] {
                    var mutated = bytes
                    mutated[position] = value
                    let table = mutated.withUnsafeBufferPointer { EventIDBits.canonical($0) }
                    #expect(table == EventIDBits.parse(mutated), "byte \(position) = \(value)")
                }
            }
        }
    }

    @Test(arguments: ["", "7f0c2a9e-3b1d-4c55-9a0e-2f6d8b1c4e7", "7f0c2a9e-3b1d-4c55-9a0e-2f6d8b1c4e777",
                      "7F0C2A9E-3B1D-4C55-9A0E-2F6D8B1C4E77", "7f0c2a9e3b1d4c559a0e2f6d8b1c4e77", "7f0c2a9e-3b1d4-c55-9a0e-2f6d8b1c4e77"])
    func otherTextsAreNotCanonical(text: String) {
        #expect(Self.canonical(text) == nil)
        #expect(EventIDBits(canonical: text) == nil)
    }

    /// `EventIDIndex.bits` still reads 32 hex digits with hyphens anywhere (the cache's spelling rules).
    @Test func indexStillReadsOtherSpellings() {
        let text = "7f0c2a9e-3b1d-4c55-9a0e-2f6d8b1c4e77"
        let expected = EventIDBits.parse(Array(text.utf8))
        #expect(EventIDIndex.bits("7f0c2a9e3b1d4c559a0e2f6d8b1c4e77") == expected)
        #expect(EventIDIndex.bits("7f0c2a9e3b1d4-c55-9a0e-2f6d8b-1c4e77") == expected)
        #expect(EventIDIndex.bits("7F0C2A9E-3B1D-4C55-9A0E-2F6D8B1C4E77") == nil)
        #expect(EventIDIndex.bits("7f0c2a9e-3b1d-4c55-9a0e-2f6d8b1c4e7") == nil)
    }
}
