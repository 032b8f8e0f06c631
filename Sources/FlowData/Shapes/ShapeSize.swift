/// The size class of a `shapes` object; the raw value is its caption word and the case order its stored id.
public enum ShapeSize: String, CaseIterable, Sendable, Codable, Hashable {
    case small, large

    /// The id stored in `/objects/size`.
    public var id: Int { Self.allCases.firstIndex(of: self)! }

    /// The object's radius as a fraction of a grid cell's side (before the per-image jitter).
    var radiusInCells: Float {
        switch self {
        case .small: 0.26
        case .large: 0.40
        }
    }
}
