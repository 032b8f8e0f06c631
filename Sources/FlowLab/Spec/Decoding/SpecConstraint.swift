/// A rule a decoded value must satisfy, with the words that explain it (`must be > 0`).
///
/// ```swift
/// steps = try container.decode(Int.self, forKey: .steps, where: .positive)
/// dropout = try container.decodeIfPresent(Double.self, forKey: .dropout, where: .probability)
/// ```
public struct SpecConstraint<Value: Comparable & Sendable>: Sendable {
    /// The rule in words, such as `must be > 0` or `must be in [0, 1]`.
    public let requirement: String
    private let test: @Sendable (Value) -> Bool

    /// Creates a constraint from a test and its explanation.
    public init(_ requirement: String, _ test: @escaping @Sendable (Value) -> Bool) {
        self.requirement = requirement
        self.test = test
    }

    /// Whether `value` satisfies the rule.
    public func accepts(_ value: Value) -> Bool { test(value) }

    /// `value > bound`.
    public static func greaterThan(_ bound: Value) -> Self { Self("must be > \(bound)") { $0 > bound } }
    /// `value >= bound`.
    public static func atLeast(_ bound: Value) -> Self { Self("must be >= \(bound)") { $0 >= bound } }
    /// `lower <= value <= upper`.
    public static func within(_ range: ClosedRange<Value>) -> Self {
        Self("must be in [\(range.lowerBound), \(range.upperBound)]") { range.contains($0) }
    }
    /// `lower <= value < upper`.
    public static func within(_ range: Range<Value>) -> Self {
        Self("must be in [\(range.lowerBound), \(range.upperBound))") { range.contains($0) }
    }
}

extension SpecConstraint where Value: Numeric {
    /// `value > 0`.
    public static var positive: Self { greaterThan(0) }
    /// `value >= 0`.
    public static var nonNegative: Self { atLeast(0) }
}

extension SpecConstraint where Value: FloatingPoint {
    /// A probability: `0 <= value <= 1`.
    public static var probability: Self { Self("must be a probability in [0, 1]") { (0...1).contains($0) } }
    /// Any finite number (not NaN or infinite).
    public static var finite: Self { Self("must be a finite number") { $0.isFinite } }
}
