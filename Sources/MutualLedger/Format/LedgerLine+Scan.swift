/// The lean reading of a ledger line: the envelope scanned in place, only the event parsed.
///
/// A canonical line is always `{"event":` EVENT `,"prev":"` 64 hex `","seq":` N `,"sig":"`
/// 88 base64 `","v":1}` (its five members in sorted order, no whitespace). The scanner checks
/// exactly that frame byte by byte, parses the event with the canonical parser, and slices the
/// signed bytes out of the line. Anything else (a different frame, an escape, a non-canonical
/// number, a bad signature text) returns nil and the general reading decides, with its message;
/// a differential test holds the two equal (`LineScannerTests`).
///
/// ```swift
/// let line = LedgerLine.scan(buffer)   // nil: not the plain frame, use LedgerLine(bytes:)
/// ```
extension LedgerLine {
    private static let head: [UInt8] = Array(#"{"event":"#.utf8)
    private static let afterEvent: [UInt8] = Array(#","prev":""#.utf8)
    private static let afterPrev: [UInt8] = Array(#"","seq":"#.utf8)
    private static let afterSeq: [UInt8] = Array(#","sig":""#.utf8)
    private static let tail: [UInt8] = Array(#"","v":\#(MutualLedger.formatVersion)}"#.utf8)
    private static let domain: [UInt8] = Array(EventSignature.domain.utf8)

    /// The line in `bytes` if they are the plain canonical frame around a canonical event; nil
    /// otherwise. Throws only the error the general reading would throw for the same bytes (the
    /// event's own: the envelope is proven well formed first).
    static func scan(_ bytes: UnsafeBufferPointer<UInt8>) throws(LedgerError) -> LedgerLine? {
        var cursor = 0
        guard expect(head, in: bytes, at: &cursor) else { return nil }
        let eventStart = cursor
        var parser = StrictJSONParser(bytes: bytes, maxDepth: 64)
        parser.canonicalOnly = true
        parser.position = cursor
        parser.depth = 1   // inside the line's object, as in the general parse
        guard bytes.count > cursor, bytes[cursor] == UInt8(ascii: "{"),
              let members = try? parser.parseCanonicalMemberList(), !parser.notCanonical else { return nil }
        cursor = parser.position
        let eventEnd = cursor
        guard expect(afterEvent, in: bytes, at: &cursor), bytes.count - cursor >= 64 else { return nil }
        let prevStart = cursor
        for index in prevStart..<(prevStart + 64) where !Hex.isLowercaseDigit(bytes[index]) { return nil }
        cursor += 64
        guard expect(afterPrev, in: bytes, at: &cursor), let seq = integer(bytes, at: &cursor),
              expect(afterSeq, in: bytes, at: &cursor), bytes.count - cursor >= 88,
              let signature = signature(UnsafeBufferPointer(rebasing: bytes[cursor..<(cursor + 88)])) else { return nil }
        cursor += 88
        guard expect(tail, in: bytes, at: &cursor), cursor == bytes.count else { return nil }

        var signed = domain
        signed.reserveCapacity(domain.count + eventEnd - eventStart)
        signed.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[eventStart..<eventEnd]))
        let prev = String(decoding: UnsafeBufferPointer(rebasing: bytes[prevStart..<(prevStart + 64)]), as: UTF8.self)
        let event: Event
        if let read = try Event(canonicalMembers: members) {
            event = read
        } else {
            // Unknown or missing members: the general reading names the problem.
            event = try Event(json: .object(Dictionary(members.map { ($0.name, $0.value) }, uniquingKeysWith: { first, _ in first })))
        }
        return LedgerLine(seq: seq, prev: prev, signed: SignedEvent(event: event, signature: signature),
                          parsedSigningBytes: signed)
    }

    /// Whether `literal` is at `cursor`; advances past it if so.
    @inline(__always)
    private static func expect(_ literal: [UInt8], in bytes: UnsafeBufferPointer<UInt8>, at cursor: inout Int) -> Bool {
        guard bytes.count - cursor >= literal.count else { return false }
        for (offset, byte) in literal.enumerated() where bytes[cursor + offset] != byte { return false }
        cursor += literal.count
        return true
    }

    /// A canonical non-negative integer within 2^53 − 1 (no sign, no leading zero), or nil.
    private static func integer(_ bytes: UnsafeBufferPointer<UInt8>, at cursor: inout Int) -> Int? {
        let start = cursor
        var value = 0
        while cursor < bytes.count, bytes[cursor] >= UInt8(ascii: "0"), bytes[cursor] <= UInt8(ascii: "9") {
            guard cursor - start < 16 else { return nil }
            value = value * 10 + Int(bytes[cursor] - UInt8(ascii: "0"))
            cursor += 1
        }
        let digits = cursor - start
        guard digits > 0, digits == 1 || bytes[start] != UInt8(ascii: "0"),
              value <= Int(JSONValue.maxSafeInteger) else { return nil }
        return value
    }

    /// The 64 bytes of a signature written as canonical padded base64 (88 characters, `==` at the
    /// end, no stray bits in the last digit), or nil for anything else.
    static func signature(_ text: UnsafeBufferPointer<UInt8>) -> [UInt8]? {
        guard text.count == 88, text[86] == UInt8(ascii: "="), text[87] == UInt8(ascii: "=") else { return nil }
        var out = [UInt8](repeating: 0, count: 64)
        var index = 0
        var written = 0
        while index < 84 {
            guard let a = sextet(text[index]), let b = sextet(text[index + 1]),
                  let c = sextet(text[index + 2]), let d = sextet(text[index + 3]) else { return nil }
            let group = UInt32(a) << 18 | UInt32(b) << 12 | UInt32(c) << 6 | UInt32(d)
            out[written] = UInt8(truncatingIfNeeded: group >> 16)
            out[written + 1] = UInt8(truncatingIfNeeded: group >> 8)
            out[written + 2] = UInt8(truncatingIfNeeded: group)
            written += 3
            index += 4
        }
        guard let a = sextet(text[84]), let b = sextet(text[85]), b & 0x0F == 0 else { return nil }
        out[63] = a << 2 | b >> 4
        return out
    }

    @inline(__always)
    private static func sextet(_ digit: UInt8) -> UInt8? {
        let value = sextets[Int(digit)]
        return value < 64 ? value : nil
    }

    /// The value of each base64 digit (standard alphabet), 0xFF for every other byte.
    private static let sextets: [UInt8] = {
        var table = [UInt8](repeating: 0xFF, count: 256)
        for (value, digit) in "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".utf8.enumerated() {
            table[Int(digit)] = UInt8(value)
        }
        return table
    }()
}
