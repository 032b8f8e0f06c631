import FlowTensor

/// PyTorch's bicubic interpolation of square grids, `F.interpolate(x, size, mode="bicubic", align_corners=False)`,
/// as one `[output, input]` matrix applied to both axes: a pretrained ViT's position table resampled to another patch
/// grid, or images resized for a pretrained encoder (REPA's preprocessing).
///
/// Plain interpolation (`antialias=False`) is Keys' cubic convolution with a = −0.75 at the source coordinate
/// `(i + 0.5) · input / output − 0.5`, reading the border pixel for taps outside the grid; antialiased interpolation
/// (`antialias=True`, PIL's filter) uses a = −0.5, widens the filter by `input / output` when shrinking, and
/// renormalises the taps that fall inside the grid.
///
/// ```swift
/// let resize = BicubicResampling(from: 37, to: 8, antialiased: true)
/// let table = resize(positions)            // [..., 37, 37] -> [..., 8, 8]
/// ```
public struct BicubicResampling: Sendable {
    /// The side length of the grids it reads.
    public let inputSize: Int
    /// The side length of the grids it writes.
    public let outputSize: Int
    /// The `[output, input]` interpolation weights of one axis, each row summing to 1.
    public let weights: [[Double]]
    /// `weights` as a float32 tensor, built once: the matrix every call multiplies by.
    private let matrix: Tensor

    /// The interpolation from `inputSize` to `outputSize` samples per side.
    public init(from inputSize: Int, to outputSize: Int, antialiased: Bool = false) {
        precondition(inputSize > 0 && outputSize > 0, "bicubic resampling needs positive sizes, got \(inputSize) -> \(outputSize)")
        self.inputSize = inputSize
        self.outputSize = outputSize
        let scale = Double(inputSize) / Double(outputSize)
        weights = (0..<outputSize).map { output in
            antialiased ? Self.antialiasedRow(output, inputSize: inputSize, scale: scale)
                        : Self.plainRow(output, inputSize: inputSize, scale: scale)
        }
        matrix = Tensor(shape: [outputSize, inputSize], scalars: weights.flatMap { $0.map(Float.init) })
    }

    /// `x` `[..., input, input]` resampled along its last two axes to `[..., output, output]`.
    public func callAsFunction(_ x: Tensor) -> Tensor {
        precondition(x.rank >= 2 && x.shape[x.rank - 2] == inputSize && x.shape[x.rank - 1] == inputSize,
                     "bicubic resampling from \(inputSize) per side got \(x.shape)")
        let leading = Array(x.shape.dropLast(2))
        let grids = x.reshaped([leading.reduce(1, *), inputSize, inputSize])
        let matrix = matrix.converted(to: x.dtype)
        let columns = Tensor.matmul(grids, matrix, transposeB: true)                          // [N, input rows, output columns]
        let both = Tensor.matmul(columns.transposed(), matrix, transposeB: true)   // [N, output columns, output rows]
        return both.transposed().reshaped(leading + [outputSize, outputSize])
    }

    /// Keys' cubic convolution kernel with parameter `a` at distance `x`.
    static func cubic(_ x: Double, a: Double) -> Double {
        let x = abs(x)
        if x <= 1 { return ((a + 2) * x - (a + 3)) * x * x + 1 }
        if x < 2 { return ((a * x - 5 * a) * x + 8 * a) * x - 4 * a }
        return 0
    }

    /// The weights of output sample `output` without antialiasing: four taps around the source coordinate, indices
    /// clamped to the grid (PyTorch's `upsample_bicubic2d`).
    private static func plainRow(_ output: Int, inputSize: Int, scale: Double) -> [Double] {
        let source = (Double(output) + 0.5) * scale - 0.5
        let floor = source.rounded(.down)
        let t = source - floor
        var row = [Double](repeating: 0, count: inputSize)
        for tap in -1...2 {
            let index = min(max(Int(floor) + tap, 0), inputSize - 1)
            row[index] += cubic(Double(tap) - t, a: -0.75)
        }
        return row
    }

    /// The weights of output sample `output` with antialiasing: PIL's bicubic filter (a = −0.5) over a support
    /// widened by the shrink factor, cut to the grid and renormalised (PyTorch's `_upsample_bicubic2d_aa`).
    private static func antialiasedRow(_ output: Int, inputSize: Int, scale: Double) -> [Double] {
        let support = scale >= 1 ? 2 * scale : 2
        let inverseScale = scale >= 1 ? 1 / scale : 1
        let center = scale * (Double(output) + 0.5)
        let first = max(Int(center - support + 0.5), 0)        // truncation, as PyTorch's cast
        let end = min(Int(center + support + 0.5), inputSize)
        var row = [Double](repeating: 0, count: inputSize)
        for index in first..<max(end, first) {
            row[index] = cubic((Double(index) - center + 0.5) * inverseScale, a: -0.5)
        }
        let total = row.reduce(0, +)
        return total == 0 ? row : row.map { $0 / total }
    }
}
