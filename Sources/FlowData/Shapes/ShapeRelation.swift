/// Where one object is relative to another, as the two-object captions say it.
public enum ShapeRelation: String, CaseIterable, Sendable, Hashable {
    case leftOf, rightOf, above, below

    /// The words of the relation in a caption.
    public var phrase: String {
        switch self {
        case .leftOf: "to the left of"
        case .rightOf: "to the right of"
        case .above: "above"
        case .below: "below"
        }
    }

    /// Whether an object in `cell` stands in this relation to one in `other`.
    public func holds(between cell: GridCell, and other: GridCell) -> Bool {
        switch self {
        case .leftOf: cell.column < other.column
        case .rightOf: cell.column > other.column
        case .above: cell.row < other.row
        case .below: cell.row > other.row
        }
    }

    /// The relation captions use for `cell` relative to `other`: left/right when the columns differ, else above/below.
    public static func describing(_ cell: GridCell, relativeTo other: GridCell) -> ShapeRelation {
        if cell.column != other.column { return cell.column < other.column ? .leftOf : .rightOf }
        return cell.row < other.row ? .above : .below
    }
}
