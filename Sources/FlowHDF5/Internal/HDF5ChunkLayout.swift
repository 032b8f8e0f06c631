/// How chunked datasets are split when the caller gives no chunk shape.
enum HDF5ChunkLayout {
    /// Largest automatic chunk in bytes: HDF5's default chunk cache holds 1 MiB, so each chunk fits it.
    static let maximumChunkBytes = 1 << 20

    /// A chunk shape for `shape` (no zero extents): the whole array, with the largest extent halved until a chunk fits `maximumChunkBytes`.
    static func automaticChunkShape(for shape: [Int], elementSize: Int) -> [Int] {
        var chunk = shape.map { max($0, 1) }
        while chunk.reduce(elementSize, *) > maximumChunkBytes, let largest = chunk.indices.max(by: { chunk[$0] < chunk[$1] }),
              chunk[largest] > 1 {
            chunk[largest] = (chunk[largest] + 1) / 2
        }
        return chunk
    }
}
