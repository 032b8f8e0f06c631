/// One object of a scene as the captioned-image file stores it: ids into the file's name lists.
///
/// The ids index the root attributes `shape_names`, `color_names`, `size_names` and `cell_names`.
public struct ObjectAnnotation: Sendable, Equatable, Hashable {
    /// Index into `shape_names`.
    public var shape: Int
    /// Index into `color_names`.
    public var color: Int
    /// Index into `size_names`.
    public var size: Int
    /// Index into `cell_names`.
    public var cell: Int

    public init(shape: Int, color: Int, size: Int, cell: Int) {
        self.shape = shape
        self.color = color
        self.size = size
        self.cell = cell
    }
}
