/// An `Encoder` that builds a ``JSONValue`` tree directly and rejects what the ledger forbids.
///
/// Foundation's `JSONEncoder` writes `1.0` as `1`, so a `Double` that happens to be
/// whole would slip through a text round trip unnoticed. Encoding straight into
/// ``JSONValue`` lets every `Double`/`Float` be refused, wherever it is.
/// Not public: use ``JSONValue/init(encoding:)``.
///
/// ```swift
/// let value = try JSONValueEncoder.encode(["a": 1])  // .object(["a": .integer(1)])
/// ```
enum JSONValueEncoder {
    static func encode(_ value: some Encodable) throws -> JSONValue {
        let root = EncodingNode()
        try root.store(value, codingPath: [])
        return root.finish()
    }

    static func pathString(_ codingPath: [any CodingKey]) -> String {
        var text = ""
        for key in codingPath {
            if let index = key.intValue, key.stringValue == "Index \(index)" {
                text += "[\(index)]"
            } else {
                if !text.isEmpty { text += "." }
                text += key.stringValue
            }
        }
        return text.isEmpty ? "(top level)" : text
    }
}

/// A mutable node of the tree being encoded; containers share it by reference.
final class EncodingNode {
    enum Content {
        case empty
        case scalar(JSONValue)
        case array([EncodingNode])
        case object([String: EncodingNode])
    }

    var content: Content = .empty

    func finish() -> JSONValue {
        switch content {
        case .empty: return .object([:])
        case .scalar(let value): return value
        case .array(let nodes): return .array(nodes.map { $0.finish() })
        case .object(let members): return .object(members.mapValues { $0.finish() })
        }
    }

    /// Stores `value` in this node, intercepting scalars so floats are refused.
    func store(_ value: some Encodable, codingPath: [any CodingKey]) throws {
        switch value {
        case let json as JSONValue:
            content = .scalar(json)
        case let flag as Bool:
            content = .scalar(.bool(flag))
        case let text as String:
            content = .scalar(.string(text))
        case is Double, is Float:
            throw LedgerError(.invalidJSON, "field \"\(JSONValueEncoder.pathString(codingPath))\": "
                + "floating-point numbers are not allowed; use an integer (e.g. minor units) or a string")
        case let number as any BinaryInteger:
            guard let exact = Int64(exactly: number), exact.magnitude <= JSONValue.maxSafeInteger.magnitude else {
                throw LedgerError(.invalidJSON, "field \"\(JSONValueEncoder.pathString(codingPath))\": "
                    + "integer \(number) is outside ±(2^53 − 1); store it as a string")
            }
            content = .scalar(.integer(exact))
        default:
            try value.encode(to: NodeEncoder(node: self, codingPath: codingPath))
        }
    }
}

struct IndexKey: CodingKey {
    var stringValue: String { "Index \(index)" }
    var intValue: Int? { index }
    let index: Int
    init(_ index: Int) { self.index = index }
    init?(stringValue: String) { nil }
    init?(intValue: Int) { self.index = intValue }
}

struct NodeEncoder: Encoder {
    let node: EncodingNode
    let codingPath: [any CodingKey]
    var userInfo: [CodingUserInfoKey: Any] { [:] }

    func container<Key: CodingKey>(keyedBy type: Key.Type) -> KeyedEncodingContainer<Key> {
        if case .object = node.content {} else { node.content = .object([:]) }
        return KeyedEncodingContainer(NodeKeyedEncoder<Key>(node: node, codingPath: codingPath))
    }

    func unkeyedContainer() -> any UnkeyedEncodingContainer {
        if case .array = node.content {} else { node.content = .array([]) }
        return NodeUnkeyedEncoder(node: node, codingPath: codingPath)
    }

    func singleValueContainer() -> any SingleValueEncodingContainer {
        NodeSingleValueEncoder(node: node, codingPath: codingPath)
    }
}

struct NodeSingleValueEncoder: SingleValueEncodingContainer {
    let node: EncodingNode
    let codingPath: [any CodingKey]

    mutating func encodeNil() throws { node.content = .scalar(.null) }
    mutating func encode<T: Encodable>(_ value: T) throws { try node.store(value, codingPath: codingPath) }
}

struct NodeKeyedEncoder<Key: CodingKey>: KeyedEncodingContainerProtocol {
    let node: EncodingNode
    let codingPath: [any CodingKey]

    private func child(for key: Key) -> EncodingNode {
        child(named: key.stringValue)
    }

    private func child(named name: String) -> EncodingNode {
        let child = EncodingNode()
        if case .object(var members) = node.content {
            members[name] = child
            node.content = .object(members)
        }
        return child
    }

    mutating func encodeNil(forKey key: Key) throws { child(for: key).content = .scalar(.null) }
    mutating func encode<T: Encodable>(_ value: T, forKey key: Key) throws {
        try child(for: key).store(value, codingPath: codingPath + [key])
    }

    mutating func nestedContainer<NestedKey: CodingKey>(
        keyedBy keyType: NestedKey.Type, forKey key: Key
    ) -> KeyedEncodingContainer<NestedKey> {
        NodeEncoder(node: child(for: key), codingPath: codingPath + [key]).container(keyedBy: keyType)
    }

    mutating func nestedUnkeyedContainer(forKey key: Key) -> any UnkeyedEncodingContainer {
        NodeEncoder(node: child(for: key), codingPath: codingPath + [key]).unkeyedContainer()
    }

    mutating func superEncoder() -> any Encoder {
        NodeEncoder(node: child(named: "super"), codingPath: codingPath)
    }

    mutating func superEncoder(forKey key: Key) -> any Encoder {
        NodeEncoder(node: child(for: key), codingPath: codingPath + [key])
    }
}

struct NodeUnkeyedEncoder: UnkeyedEncodingContainer {
    let node: EncodingNode
    let codingPath: [any CodingKey]

    var count: Int {
        if case .array(let nodes) = node.content { return nodes.count }
        return 0
    }

    private func appendChild() -> (EncodingNode, [any CodingKey]) {
        let child = EncodingNode()
        let path = codingPath + [IndexKey(count)]
        if case .array(var nodes) = node.content {
            nodes.append(child)
            node.content = .array(nodes)
        }
        return (child, path)
    }

    mutating func encodeNil() throws { appendChild().0.content = .scalar(.null) }
    mutating func encode<T: Encodable>(_ value: T) throws {
        let (child, path) = appendChild()
        try child.store(value, codingPath: path)
    }

    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type) -> KeyedEncodingContainer<NestedKey> {
        let (child, path) = appendChild()
        return NodeEncoder(node: child, codingPath: path).container(keyedBy: keyType)
    }

    mutating func nestedUnkeyedContainer() -> any UnkeyedEncodingContainer {
        let (child, path) = appendChild()
        return NodeEncoder(node: child, codingPath: path).unkeyedContainer()
    }

    mutating func superEncoder() -> any Encoder {
        let (child, path) = appendChild()
        return NodeEncoder(node: child, codingPath: path)
    }
}
