/// The `Decoder` over one ``SpecNode``.
struct NodeDecoder: Decoder {
    let node: SpecNode
    let codingPath: [any CodingKey]
    let context: DecodingContext
    var userInfo: [CodingUserInfoKey: Any] { [:] }

    /// The key path of this node, for messages.
    var keyPath: String { context.keyPath(codingPath) }

    func container<Key: CodingKey>(keyedBy type: Key.Type) throws -> KeyedDecodingContainer<Key> {
        guard let entries = node.entries else { throw mismatch(expected: "a mapping") }
        let id = context.recorder.visit(node, at: codingPath)
        return KeyedDecodingContainer(NodeKeyedContainer<Key>(decoder: self, entries: entries, id: id))
    }

    func unkeyedContainer() throws -> any UnkeyedDecodingContainer {
        guard let elements = node.elements else { throw mismatch(expected: "a list") }
        return NodeUnkeyedContainer(decoder: self, elements: elements)
    }

    func singleValueContainer() throws -> any SingleValueDecodingContainer {
        NodeSingleValueContainer(decoder: self)
    }

    /// A decoder for a child node.
    func child(_ node: SpecNode, key: any CodingKey) -> NodeDecoder {
        NodeDecoder(node: node, codingPath: codingPath + [key], context: context)
    }

    /// `expected an integer, got string 'abc'` at this node.
    func mismatch(expected: String) -> SpecError {
        SpecError(location: node.location, keyPath: keyPath, message: "expected \(expected), got \(node.summary)")
    }
}
