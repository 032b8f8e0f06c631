/// What a dataset holds, read from its header without reading its data.
public struct HDF5DatasetInfo: Equatable, Sendable {
    /// The extent of each dimension; `[]` for a scalar (0-d) dataset.
    public let shape: [Int]
    /// The stored element type.
    public let dataType: HDF5DataType
    /// The chunk extent of each dimension, or nil for contiguous storage.
    public let chunkShape: [Int]?
    /// The gzip (deflate) level, or nil when the data is not compressed.
    public let compressionLevel: Int?
    /// Whether some dimension is unlimited (e.g. an appendable series).
    public let isExtendable: Bool

    /// The number of elements, the product of `shape` (1 for a scalar).
    public var elementCount: Int { shape.reduce(1, *) }

    /// Creates a description of a dataset; FlowHDF5 builds these, callers only read them.
    public init(shape: [Int], dataType: HDF5DataType, chunkShape: [Int]?, compressionLevel: Int?, isExtendable: Bool) {
        self.shape = shape
        self.dataType = dataType
        self.chunkShape = chunkShape
        self.compressionLevel = compressionLevel
        self.isExtendable = isExtendable
    }
}
