/// The single-value container: converts scalars to Swift values, strictly by YAML type.
///
/// Integers need an integer scalar (`1e3` is not one); floating-point values accept integers and floats;
/// strings accept string and number scalars but not booleans or null (quote `"yes"` to mean the text).
struct NodeSingleValueContainer: SingleValueDecodingContainer {
    let decoder: NodeDecoder
    var codingPath: [any CodingKey] { decoder.codingPath }

    func decodeNil() -> Bool { decoder.node.isNull }

    func decode(_ type: Bool.Type) throws -> Bool {
        guard let value = decoder.node.scalar?.booleanValue else { throw decoder.mismatch(expected: "a boolean (true or false)") }
        return value
    }

    func decode(_ type: String.Type) throws -> String {
        guard let scalar = decoder.node.scalar, [.string, .integer, .float].contains(scalar.kind) else {
            throw decoder.mismatch(expected: "a string")
        }
        return scalar.text
    }

    func decode(_ type: Double.Type) throws -> Double {
        guard let value = decoder.node.scalar?.doubleValue else { throw decoder.mismatch(expected: "a number") }
        return value
    }

    func decode(_ type: Float.Type) throws -> Float { Float(try decode(Double.self)) }
    func decode(_ type: Int.Type) throws -> Int { try integer(type) }
    func decode(_ type: Int8.Type) throws -> Int8 { try integer(type) }
    func decode(_ type: Int16.Type) throws -> Int16 { try integer(type) }
    func decode(_ type: Int32.Type) throws -> Int32 { try integer(type) }
    func decode(_ type: Int64.Type) throws -> Int64 { try integer(type) }
    func decode(_ type: UInt.Type) throws -> UInt { try integer(type) }
    func decode(_ type: UInt8.Type) throws -> UInt8 { try integer(type) }
    func decode(_ type: UInt16.Type) throws -> UInt16 { try integer(type) }
    func decode(_ type: UInt32.Type) throws -> UInt32 { try integer(type) }
    func decode(_ type: UInt64.Type) throws -> UInt64 { try integer(type) }

    func decode<T: Decodable>(_ type: T.Type) throws -> T {
        try T(from: decoder)
    }

    private func integer<T: FixedWidthInteger>(_ type: T.Type) throws -> T {
        guard let value = decoder.node.scalar?.integerValue else {
            if let scalar = decoder.node.scalar, scalar.kind == .integer {
                // An integer YAML cannot hold in 64 bits: say the range, not "expected an integer, got integer".
                throw SpecError(location: decoder.node.location, keyPath: decoder.keyPath,
                                message: "\(SpecSnippet.quoting(scalar.text)) is out of range; integers must be in \(T.min)...\(T.max)")
            }
            throw decoder.mismatch(expected: "an integer")
        }
        guard let exact = T(exactly: value) else {
            throw SpecError(location: decoder.node.location, keyPath: decoder.keyPath,
                            message: "\(value) does not fit in \(T.self) (\(T.min)...\(T.max))")
        }
        return exact
    }
}
