/// An append-only array kept in chunks of at most ``chunkSize`` elements, so that growing it
/// never copies what it already holds (a plain `Array` doubles: for a moment it holds both the
/// old and the new buffer, which is what peak memory counts).
///
/// ```swift
/// var values = ChunkedArray<Int>()
/// values.append(7)
/// values[0]        // 7
/// values.count     // 1
/// ```
public struct ChunkedArray<Element: Sendable>: Sendable {
    @usableFromInline static var chunkShift: Int { 14 }
    @usableFromInline static var chunkSize: Int { 1 << chunkShift }

    @usableFromInline var chunks: [[Element]] = []
    @usableFromInline var storedCount = 0

    @inlinable public var count: Int { storedCount }

    @inlinable public init() {}

    @inlinable public subscript(position: Int) -> Element {
        get { chunks[position >> Self.chunkShift][position & (Self.chunkSize - 1)] }
        set { chunks[position >> Self.chunkShift][position & (Self.chunkSize - 1)] = newValue }
    }

    @inlinable public mutating func append(_ element: Element) {
        if storedCount & (Self.chunkSize - 1) == 0 {
            var chunk: [Element] = []
            if storedCount > 0 { chunk.reserveCapacity(Self.chunkSize) }
            chunks.append(chunk)
        }
        chunks[chunks.count - 1].append(element)
        storedCount += 1
    }
}
