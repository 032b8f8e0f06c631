extension KeyedDecodingContainer {
    /// Decodes a value that must satisfy `constraint`; a violation is a located ``SpecError``
    /// (`x.yaml:4:10: train.steps: -5 is out of range; must be > 0`).
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
        if let number = value as? any BinaryFloatingPoint, !number.isFinite {
            throw DecodingError.dataCorruptedError(forKey: key, in: self,
                                                   debugDescription: "\(value) is not a finite number; \(constraint.requirement)")
        }
        guard constraint.accepts(value) else {
            throw DecodingError.dataCorruptedError(forKey: key, in: self,
                                                   debugDescription: "\(value) is out of range; \(constraint.requirement)")
        }
        return value
    }
}
