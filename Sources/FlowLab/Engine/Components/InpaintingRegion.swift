import FlowData

/// The region inpainting cuts out of an image (`sample.guidance.region` of `inpaint`).
public enum InpaintingRegion: String, CaseIterable, Sendable, Equatable {
    /// The grid cell of the prompt's first object (data set `shapes`): the object is gone, and only the caption
    /// says what was there.
    case object
    /// The left, right, top or bottom half of the image.
    case leftHalf = "left_half", rightHalf = "right_half", topHalf = "top_half", bottomHalf = "bottom_half"

    /// Whether the region needs the scene of each image (`object`).
    public var needsScenes: Bool { self == .object }

    /// The cut rectangle of an `size` px image as half-open pixel ranges (rows, columns); for `object` the cell of
    /// the scene's first object, widened to whole pixels.
    public func rectangle(imageSize size: Int, scene: ShapeScene?) -> (rows: Range<Int>, columns: Range<Int>) {
        let half = size / 2
        switch self {
        case .leftHalf: return (0..<size, 0..<half)
        case .rightHalf: return (0..<size, half..<size)
        case .topHalf: return (0..<half, 0..<size)
        case .bottomHalf: return (half..<size, 0..<size)
        case .object:
            guard let cell = scene?.objects.first?.cell else {
                preconditionFailure("region 'object' needs the scene of every image (ModalitySetup checks the data set is shapes)")
            }
            func span(_ index: Int) -> Range<Int> {
                let start = (index * size) / 3
                let end = ((index + 1) * size + 2) / 3
                return start..<min(size, end)
            }
            return (span(cell.row), span(cell.column))
        }
    }

    /// `pixels` (uint8 `[S, S, 3]`) with the rectangle filled with the background: the colour of a corner pixel in
    /// a cell no object of `scene` occupies (mid grey when every corner cell is occupied or the scene is unknown).
    public func cut(_ pixels: [UInt8], imageSize size: Int, scene: ShapeScene?) -> [UInt8] {
        let (rows, columns) = rectangle(imageSize: size, scene: scene)
        let occupied = Set(scene?.objects.map(\.cell) ?? [])
        let corners: [(GridCell, Int, Int)] = [(.topLeft, 0, 0), (.topRight, 0, size - 1), (.bottomLeft, size - 1, 0),
                                               (.bottomRight, size - 1, size - 1)]
        var fill: [UInt8] = [128, 128, 128]
        if scene != nil, let corner = corners.first(where: { !occupied.contains($0.0) && !(rows.contains($0.1) && columns.contains($0.2)) }) {
            let offset = (corner.1 * size + corner.2) * 3
            fill = Array(pixels[offset..<(offset + 3)])
        }
        var result = pixels
        for row in rows {
            for column in columns {
                let offset = (row * size + column) * 3
                result.replaceSubrange(offset..<(offset + 3), with: fill)
            }
        }
        return result
    }
}
