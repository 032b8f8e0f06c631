/// One cell of the 3 x 3 grid an object sits in, numbered row-major from the top left (its stored id).
public enum GridCell: Int, CaseIterable, Sendable, Codable, Hashable, Comparable {
    case topLeft, top, topRight, left, center, right, bottomLeft, bottom, bottomRight

    /// The id stored in `/objects/cell`.
    public var id: Int { rawValue }
    /// The row, 0 (top) ... 2 (bottom).
    public var row: Int { rawValue / 3 }
    /// The column, 0 (left) ... 2 (right).
    public var column: Int { rawValue % 3 }

    /// The cell's name in captions and in the `cell_names` attribute, e.g. "top left", "center".
    public var name: String {
        switch self {
        case .topLeft: "top left"
        case .top: "top"
        case .topRight: "top right"
        case .left: "left"
        case .center: "center"
        case .right: "right"
        case .bottomLeft: "bottom left"
        case .bottom: "bottom"
        case .bottomRight: "bottom right"
        }
    }

    /// The cell as a place in a sentence: "in the top left", "at the top", "on the left", "in the center".
    public var place: String {
        switch self {
        case .top, .bottom: "at the \(name)"
        case .left, .right: "on the \(name)"
        default: "in the \(name)"
        }
    }

    public static func < (lhs: GridCell, rhs: GridCell) -> Bool { lhs.rawValue < rhs.rawValue }
}
