/// One entry of a safetensors header: a tensor's element type, shape and byte range in the data section.
public struct SafetensorsTensorInfo: Equatable, Sendable {
    /// The tensor's name (a dotted path such as `encoder.layer.0.attention.self.query.weight`).
    public let name: String
    /// The element type.
    public let dtype: SafetensorsDType
    /// The extent of each dimension; `[]` for a scalar.
    public let shape: [Int]
    /// The bytes `[begin, end)` of the data section (which starts after the header) holding the elements.
    public let byteRange: Range<Int>

    /// The number of elements.
    public var count: Int { shape.reduce(1, *) }
}
