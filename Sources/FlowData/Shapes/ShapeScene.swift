/// The ground truth of one `shapes` image: its objects, each in its own cell, kept in cell order.
///
/// Keeping the objects sorted by cell makes two descriptions of the same picture compare equal,
/// whatever order a caption names them in.
public struct ShapeScene: Sendable, Codable, Hashable {
    /// The objects, sorted by cell (row-major from the top left).
    public let objects: [ShapeObject]

    /// A scene of `objects`; nil when two objects share a cell or there are none.
    public init?(_ objects: [ShapeObject]) {
        guard !objects.isEmpty, Set(objects.map(\.cell)).count == objects.count else { return nil }
        self.objects = objects.sorted { $0.cell < $1.cell }
    }

    /// The objects as the captioned-image file stores them.
    public var annotations: [ObjectAnnotation] { objects.map(\.annotation) }

    /// The scene stored as `annotations`, or nil when an id is out of range or two objects share a cell.
    public init?(annotations: [ObjectAnnotation]) {
        let objects = annotations.compactMap(ShapeObject.init(annotation:))
        guard objects.count == annotations.count else { return nil }
        self.init(objects)
    }
}
