import Testing
@testable import PartnershipEvents

/// `EventKind(rawValue:)` is written out (by length, then one comparison): it must find every
/// kind by its name and nothing else.
@Suite("EventKind lookup")
struct EventKindLookupTests {
    @Test("every kind is found by its own name", arguments: EventKind.allCases)
    func roundTrip(kind: EventKind) {
        #expect(EventKind(rawValue: kind.rawValue) == kind)
    }

    @Test("names that are not kinds are refused", arguments: [
        "", "visit", "visit.recorde", "visit.recordedd", "Visit.recorded", "visit.Recorded", "visit recorded",
        "ledger.genesis", "key.enrolled", "note.added", "policy.sett", "policy.se", "innovation.statue",
        "mission.revisee", "debrief.recordex", "partnership.registerex", "actor.revoke", "visit.recorded ",
        "event.corrected\u{0}", "évent.corrected",
    ])
    func refused(name: String) {
        #expect(EventKind(rawValue: name) == nil)
    }

    @Test("a name of the same length as a kind but different is refused")
    func sameLength() {
        for kind in EventKind.allCases {
            var bytes = Array(kind.rawValue.utf8)
            bytes[bytes.count - 1] = bytes[bytes.count - 1] == UInt8(ascii: "x") ? UInt8(ascii: "y") : UInt8(ascii: "x")
            #expect(EventKind(rawValue: String(decoding: bytes, as: UTF8.self)) == nil)
        }
    }
}
