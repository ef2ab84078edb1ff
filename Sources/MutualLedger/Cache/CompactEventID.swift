/// An event id held by a state that grows with the ledger: 16 bytes inline when it is canonical
/// (every id a ledger admits is), the text otherwise. Encodes as the id's text, like `String`.
///
/// ```swift
/// let id = CompactEventID("7f0c2a9e-3b1d-4c55-9a0e-2f6d8b1c4e77")
/// id.text                              // "7f0c2a9e-3b1d-4c55-9a0e-2f6d8b1c4e77"
/// id == CompactEventID(id.text)        // true
/// ```
public enum CompactEventID: Hashable, Sendable, Codable {
    case bits(EventIDBits)
    case text(String)

    @inlinable public init(_ text: String) {
        self = EventIDBits(canonical: text).map(Self.bits) ?? .text(text)
    }

    public var text: String {
        switch self {
        case .bits(let bits): return bits.text
        case .text(let text): return text
        }
    }

    public init(from decoder: any Decoder) throws {
        self.init(try decoder.singleValueContainer().decode(String.self))
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(text)
    }
}
