extension HDF5AttributeValue: ExpressibleByFloatLiteral {
    /// A float literal is a `.double` attribute: `setAttribute("learning_rate", 1e-3)`.
    public init(floatLiteral value: Double) { self = .double(value) }
}

extension HDF5AttributeValue: ExpressibleByIntegerLiteral {
    /// An integer literal is an `.int` attribute: `setAttribute("seed", 42)`.
    public init(integerLiteral value: Int) { self = .int(value) }
}

extension HDF5AttributeValue: ExpressibleByStringLiteral {
    /// A string literal is a `.string` attribute: `setAttribute("description", "total variation")`.
    public init(stringLiteral value: String) { self = .string(value) }
}
