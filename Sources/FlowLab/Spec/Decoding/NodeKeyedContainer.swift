/// A keyed container over a mapping node that records the keys it is asked for.
struct NodeKeyedContainer<Key: CodingKey>: KeyedDecodingContainerProtocol {
    let decoder: NodeDecoder
    let entries: [SpecEntry]
    let id: String

    var codingPath: [any CodingKey] { decoder.codingPath }
    var allKeys: [Key] { entries.compactMap { Key(stringValue: $0.key) } }

    func contains(_ key: Key) -> Bool {
        decoder.context.recorder.ask(key.stringValue, in: id)
        return entries.contains { $0.key == key.stringValue }
    }

    func decodeNil(forKey key: Key) throws -> Bool {
        try entry(key).value.isNull
    }

    func decode<T: Decodable>(_ type: T.Type, forKey key: Key) throws -> T {
        try T(from: decoder.child(entry(key).value, key: key))
    }

    func decode(_ type: Bool.Type, forKey key: Key) throws -> Bool { try decodeValue(type, key) }
    func decode(_ type: String.Type, forKey key: Key) throws -> String { try decodeValue(type, key) }
    func decode(_ type: Double.Type, forKey key: Key) throws -> Double { try decodeValue(type, key) }
    func decode(_ type: Float.Type, forKey key: Key) throws -> Float { try decodeValue(type, key) }
    func decode(_ type: Int.Type, forKey key: Key) throws -> Int { try decodeValue(type, key) }
    func decode(_ type: Int8.Type, forKey key: Key) throws -> Int8 { try decodeValue(type, key) }
    func decode(_ type: Int16.Type, forKey key: Key) throws -> Int16 { try decodeValue(type, key) }
    func decode(_ type: Int32.Type, forKey key: Key) throws -> Int32 { try decodeValue(type, key) }
    func decode(_ type: Int64.Type, forKey key: Key) throws -> Int64 { try decodeValue(type, key) }
    func decode(_ type: UInt.Type, forKey key: Key) throws -> UInt { try decodeValue(type, key) }
    func decode(_ type: UInt8.Type, forKey key: Key) throws -> UInt8 { try decodeValue(type, key) }
    func decode(_ type: UInt16.Type, forKey key: Key) throws -> UInt16 { try decodeValue(type, key) }
    func decode(_ type: UInt32.Type, forKey key: Key) throws -> UInt32 { try decodeValue(type, key) }
    func decode(_ type: UInt64.Type, forKey key: Key) throws -> UInt64 { try decodeValue(type, key) }

    func nestedContainer<NestedKey: CodingKey>(keyedBy type: NestedKey.Type, forKey key: Key) throws -> KeyedDecodingContainer<NestedKey> {
        try decoder.child(entry(key).value, key: key).container(keyedBy: type)
    }

    func nestedUnkeyedContainer(forKey key: Key) throws -> any UnkeyedDecodingContainer {
        try decoder.child(entry(key).value, key: key).unkeyedContainer()
    }

    func superDecoder() throws -> any Decoder { decoder }

    func superDecoder(forKey key: Key) throws -> any Decoder {
        try decoder.child(entry(key).value, key: key)
    }

    private func decodeValue<T: Decodable>(_ type: T.Type, _ key: Key) throws -> T {
        try T(from: decoder.child(entry(key).value, key: key))
    }

    /// The entry for `key`, recording the question; a missing key is an error (or a likely typo of it).
    private func entry(_ key: Key) throws -> SpecEntry {
        decoder.context.recorder.ask(key.stringValue, in: id)
        if let entry = entries.first(where: { $0.key == key.stringValue }) { return entry }
        let typo = entries.first { Key(stringValue: $0.key) == nil && Suggestions.isClose($0.key, key.stringValue) }
        if let typo {
            let path = decoder.context.keyPath(codingPath + [SpecKey(typo.key)])
            throw SpecError(location: typo.keyLocation, keyPath: path,
                            message: "unknown key '\(typo.key)'; did you mean '\(key.stringValue)'?")
        }
        let parent = decoder.keyPath.isEmpty ? "the spec" : "'\(decoder.keyPath)'"
        throw SpecError(location: decoder.node.location, keyPath: decoder.context.keyPath(codingPath + [key]),
                        message: "missing required key '\(key.stringValue)' in \(parent)")
    }
}
