extension SpecNode: Equatable {
    /// Equality of values, ignoring locations; mapping keys must come in the same order.
    ///
    /// Numbers compare by value (`1.0e-3 == 0.001`), strings by text.
    public static func == (lhs: SpecNode, rhs: SpecNode) -> Bool {
        switch (lhs.value, rhs.value) {
        case let (.scalar(left), .scalar(right)):
            return scalarsEqual(left, right)
        case let (.sequence(left), .sequence(right)):
            return left == right
        case let (.mapping(left), .mapping(right)):
            return left.count == right.count && zip(left, right).allSatisfy { $0.key == $1.key && $0.value == $1.value }
        default:
            return false
        }
    }

    private static func scalarsEqual(_ left: SpecScalar, _ right: SpecScalar) -> Bool {
        switch (left.kind, right.kind) {
        case (.integer, .integer):
            return left.integerValue == right.integerValue && left.integerValue != nil
        case (.float, .float), (.integer, .float), (.float, .integer):
            guard let a = left.doubleValue, let b = right.doubleValue else { return false }
            return a == b || (a.isNaN && b.isNaN)
        case (.boolean, .boolean):
            return left.booleanValue == right.booleanValue
        case (.null, .null):
            return true
        case (.string, .string):
            return left.text == right.text
        default:
            return false
        }
    }
}
