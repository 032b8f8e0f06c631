extension HDF5AttributeValue: CustomStringConvertible {
    /// A compact rendering: numbers as Swift prints them, strings quoted, long arrays shortened.
    public var description: String {
        switch self {
        case .double(let value): String(value)
        case .int(let value): String(value)
        case .string(let value): String(reflecting: value)
        case .doubles(let values): Self.list(values.map { String($0) })
        case .ints(let values): Self.list(values.map { String($0) })
        case .strings(let values): Self.list(values.map { String(reflecting: $0) })
        case .bool(let value): value ? "true" : "false"
        }
    }

    /// At most this many array elements are shown before the rest is summarized.
    private static let shownElementCount = 8

    /// "[a, b, c]", or "[a, b, ..., (n values)]" when longer than `shownElementCount`.
    private static func list(_ items: [String]) -> String {
        guard items.count > shownElementCount else { return "[" + items.joined(separator: ", ") + "]" }
        return "[" + items.prefix(shownElementCount).joined(separator: ", ") + ", ... (\(items.count) values)]"
    }
}
