/// An unkeyed container over a list node.
struct NodeUnkeyedContainer: UnkeyedDecodingContainer {
    let decoder: NodeDecoder
    let elements: [SpecNode]
    private(set) var currentIndex = 0

    init(decoder: NodeDecoder, elements: [SpecNode]) {
        self.decoder = decoder
        self.elements = elements
    }

    var codingPath: [any CodingKey] { decoder.codingPath }
    var count: Int? { elements.count }
    var isAtEnd: Bool { currentIndex >= elements.count }

    mutating func decodeNil() throws -> Bool {
        guard try next(peek: true).isNull else { return false }
        currentIndex += 1
        return true
    }

    mutating func decode<T: Decodable>(_ type: T.Type) throws -> T {
        let element = try next(peek: false)
        return try T(from: decoder.child(element, key: IndexKey(currentIndex - 1)))
    }

    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy type: NestedKey.Type) throws -> KeyedDecodingContainer<NestedKey> {
        let element = try next(peek: false)
        return try decoder.child(element, key: IndexKey(currentIndex - 1)).container(keyedBy: type)
    }

    mutating func nestedUnkeyedContainer() throws -> any UnkeyedDecodingContainer {
        let element = try next(peek: false)
        return try decoder.child(element, key: IndexKey(currentIndex - 1)).unkeyedContainer()
    }

    mutating func superDecoder() throws -> any Decoder {
        let element = try next(peek: false)
        return decoder.child(element, key: IndexKey(currentIndex - 1))
    }

    private mutating func next(peek: Bool) throws -> SpecNode {
        guard !isAtEnd else {
            throw SpecError(location: decoder.node.location, keyPath: decoder.keyPath,
                            message: "expected more than \(elements.count) list elements")
        }
        defer { if !peek { currentIndex += 1 } }
        return elements[currentIndex]
    }
}
