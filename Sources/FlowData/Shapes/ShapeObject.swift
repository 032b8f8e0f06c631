/// One object of a `shapes` scene: what it is, its colour, its size class and its grid cell.
public struct ShapeObject: Sendable, Codable, Hashable, CustomStringConvertible {
    public var shape: ShapeKind
    public var color: ShapeColor
    public var size: ShapeSize
    public var cell: GridCell

    public init(shape: ShapeKind, color: ShapeColor, size: ShapeSize, cell: GridCell) {
        self.shape = shape
        self.color = color
        self.size = size
        self.cell = cell
    }

    /// The object as the captioned-image file stores it (ids into the name attributes).
    public var annotation: ObjectAnnotation {
        ObjectAnnotation(shape: shape.id, color: color.id, size: size.id, cell: cell.id)
    }

    /// The object stored as `annotation`, or nil when an id is outside its name list.
    public init?(annotation: ObjectAnnotation) {
        guard ShapeKind.allCases.indices.contains(annotation.shape), ShapeColor.allCases.indices.contains(annotation.color),
              ShapeSize.allCases.indices.contains(annotation.size), let cell = GridCell(rawValue: annotation.cell) else {
            return nil
        }
        self.init(shape: ShapeKind.allCases[annotation.shape], color: ShapeColor.allCases[annotation.color],
                  size: ShapeSize.allCases[annotation.size], cell: cell)
    }

    /// "a small red circle in the top left", for messages.
    public var description: String { "a \(size.rawValue) \(color.rawValue) \(shape.rawValue) \(cell.place)" }
}
