/// The outline of a `shapes` object; the raw value is its caption word and the case order its stored id.
public enum ShapeKind: String, CaseIterable, Sendable, Codable, Hashable {
    case circle, square, triangle, diamond

    /// The id stored in `/objects/shape` (index into the `shape_names` attribute).
    public var id: Int { Self.allCases.firstIndex(of: self)! }
}
