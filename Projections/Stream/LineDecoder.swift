import MutualLedger
import PartnershipEvents

/// The fast decoder of ``DecodedLine/fast(_:upcasters:)`` with its per-type tables built once:
/// the type names as bytes (no string is made to find a line's type) and the newest schema of
/// each type the record reads. Use one per pass.
///
/// ```swift
/// let decoder = LineDecoder()
/// let line = try decoder.decode(raw)   // == DecodedLine.general(raw)
/// ```
public struct LineDecoder: Sendable {
    public let upcasters: EventUpcasters
    /// `(type bytes, kind)` of every kind but `.other`, and `ledger.genesis`.
    let types: [(bytes: [UInt8], kind: RecordKind)]
    let genesis = Array(CoreEventType.genesis.utf8)
    /// Newest schema by `RecordKind.rawValue` (nil: no schema known for the type).
    let newest: [Int?]

    public init(upcasters: EventUpcasters = .standard) {
        self.upcasters = upcasters
        types = RecordKind.allCases.dropFirst().map { (Array($0.type.utf8), $0) }
        newest = RecordKind.allCases.map { $0 == .other ? nil : upcasters.newestSchema(of: $0.type) }
    }

    /// The kind of the type whose bytes (without quotes) are `range`, and whether it is `ledger.genesis`.
    func kind(_ scanner: SpanScanner, _ range: Range<Int>) -> (RecordKind, Bool) {
        for entry in types where Self.same(entry.bytes, scanner, range) { return (entry.kind, false) }
        return (.other, Self.same(genesis, scanner, range))
    }

    @inline(__always) static func same(_ name: [UInt8], _ scanner: SpanScanner, _ range: Range<Int>) -> Bool {
        guard name.count == range.count else { return false }
        for k in 0..<name.count where name[k] != scanner.bytes[range.lowerBound + k] { return false }
        return true
    }

    /// Decodes one line (see ``DecodedLine/fast(_:upcasters:)``).
    public func decode(_ raw: UnsafeRawBufferPointer) throws(LedgerError) -> DecodedLine {
        do {
            return try DecodedLine.scan(SpanScanner(raw), decoder: self)
        } catch {
            return try DecodedLine.general(raw, upcasters: upcasters)
        }
    }
}
