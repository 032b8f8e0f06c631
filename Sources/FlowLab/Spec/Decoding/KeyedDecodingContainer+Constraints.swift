extension KeyedDecodingContainer {
    /// Decodes a value that must satisfy `constraint`; a violation is a located ``SpecError``
    /// (`x.yaml:4:10: train.steps: -5 is out of range; must be > 0`).
    ///
    /// Under ``SpecDecoder`` a violation does not stop decoding: it is recorded, the value is returned as
    /// written so the type's `init(from:)` goes on to its other keys, and ``SpecDecoder`` throws every
    /// recorded violation when decoding ends (the value never leaves it). Other decoders throw at once.
    public func decode<T: Decodable & Comparable & Sendable>(_ type: T.Type, forKey key: Key, where constraint: SpecConstraint<T>) throws -> T {
        try check(decode(type, forKey: key), forKey: key, constraint)
    }

    /// Decodes an optional value that, when present, must satisfy `constraint`.
    public func decodeIfPresent<T: Decodable & Comparable & Sendable>(_ type: T.Type, forKey key: Key, where constraint: SpecConstraint<T>) throws -> T? {
        try decodeIfPresent(type, forKey: key).map { try check($0, forKey: key, constraint) }
    }

    /// Decodes a value that must be at least `range.lowerBound` (`in: 1...`).
    public func decode<T: Decodable & Comparable & Sendable>(_ type: T.Type, forKey key: Key, in range: PartialRangeFrom<T>) throws -> T {
        try decode(type, forKey: key, where: .atLeast(range.lowerBound))
    }

    /// Decodes a value that must lie in `range` (`in: 0...1`).
    public func decode<T: Decodable & Comparable & Sendable>(_ type: T.Type, forKey key: Key, in range: ClosedRange<T>) throws -> T {
        try decode(type, forKey: key, where: .within(range))
    }

    private func check<T: Comparable & Sendable>(_ value: T, forKey key: Key, _ constraint: SpecConstraint<T>) throws -> T {
        let problem: String
        if let number = value as? any BinaryFloatingPoint, !number.isFinite {
            problem = "\(value) is not a finite number; \(constraint.requirement)"
        } else if !constraint.accepts(value) {
            problem = "\(value) is out of range; \(constraint.requirement)"
        } else {
            return value
        }
        // The decoder of the value at `key` is a NodeDecoder exactly when SpecDecoder is decoding.
        if let valueDecoder = try? superDecoder(forKey: key) as? NodeDecoder {
            valueDecoder.context.recordValueError(SpecError(location: valueDecoder.node.location, keyPath: valueDecoder.keyPath,
                                                            message: problem))
            return value
        }
        throw DecodingError.dataCorruptedError(forKey: key, in: self, debugDescription: problem)
    }
}
