extension Tensor {
    /// The mean over `outputSize` (`[height, width]`) adaptive windows of every plane (PyTorch's
    /// `F.adaptive_avg_pool2d`): output row `i` averages input rows `⌊i·H/h⌋ ..< ⌈(i+1)·H/h⌉`.
    ///
    /// ```swift
    /// let pooled = features.adaptiveAveragePool2D(outputSize: [1, 1])   // [N, C, 1, 1], the global mean
    /// ```
    public func adaptiveAveragePool2D(outputSize: [Int]) -> Tensor {
        precondition(rank == 4 && outputSize.count == 2 && outputSize.allSatisfy { $0 >= 1 },
                     "adaptiveAveragePool2D: input must be [N, C, H, W] (got \(shape)) and outputSize [h, w] positive (got \(outputSize))")
        precondition(shape[2] >= 1 && shape[3] >= 1, "adaptiveAveragePool2D: empty input plane \(shape)")
        let (height, width) = (shape[2], shape[3])
        func windows(_ input: Int, _ output: Int) -> [Range<Int>] {
            (0..<output).map { index in (index * input / output)..<((index + 1) * input + output - 1) / output }
        }
        let rowWindows = windows(height, outputSize[0]), columnWindows = windows(width, outputSize[1])
        // Each output is a weighted sum of its window; the forward and backward maps are one dense
        // `[H·W, h·w]` averaging matrix applied by gemm to the `[N·C, H·W]` planes.
        var averaging = [Double](repeating: 0, count: height * width * outputSize[0] * outputSize[1])
        for (outputRow, rows) in rowWindows.enumerated() {
            for (outputColumn, columns) in columnWindows.enumerated() {
                let weight = 1 / Double(rows.count * columns.count)
                let output = outputRow * outputSize[1] + outputColumn
                for row in rows {
                    for column in columns {
                        averaging[(row * width + column) * outputSize[0] * outputSize[1] + output] = weight
                    }
                }
            }
        }
        let matrix = Tensor(shape: [height * width, outputSize[0] * outputSize[1]], scalars: averaging).converted(to: dtype)
        let planes = reshaped([shape[0] * shape[1], height * width])
        return Tensor.matmul(planes, matrix).reshaped([shape[0], shape[1], outputSize[0], outputSize[1]])
    }
}
