/// One option of a registered component, as `flowlab components` lists it.
public struct ComponentOption: Sendable, Equatable, CustomStringConvertible {
    /// The key as written in a spec, e.g. `cells_per_side`.
    public let key: String
    /// The value type, e.g. `Int`, `Double`, `[Double]`.
    public let type: String
    /// Whether a spec must give it.
    public let isRequired: Bool
    /// The value used when the spec leaves it out (`none` for no value), or nil when unknown or required.
    public var defaultValue: String?

    /// `cells_per_side: Int = 100`, `n: Double (required)`.
    public var description: String {
        if isRequired { return "\(key): \(type) (required)" }
        return "\(key): \(type)" + (defaultValue.map { " = \($0)" } ?? "")
    }
}
