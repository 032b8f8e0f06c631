extension Tensor {
    /// The mean over each window of every image plane (PyTorch's `F.avg_pool2d`, `ceil_mode` off).
    ///
    /// `self` is `[N, C, H, W]`; `kernel`, `stride` and `padding` are `[height, width]` (padding at most half
    /// the kernel). With `countIncludePad` (PyTorch's default) every window divides by the kernel area, padding
    /// counted as zeros; without it, by the number of input pixels the window covers, so border outputs are
    /// means of real pixels only (the TensorFlow Inception's `AvgPool2d(3, 1, 1, count_include_pad=False)`).
    ///
    /// ```swift
    /// let smoothed = features.averagePool2D(kernel: [3, 3], stride: [1, 1], padding: [1, 1], countIncludePad: false)
    /// ```
    public func averagePool2D(kernel: [Int], stride: [Int], padding: [Int] = [0, 0],
                              countIncludePad: Bool = true) -> Tensor {
        precondition(rank == 4, "averagePool2D: input must be [N, C, H, W], got \(shape)")
        let window = SlidingWindow(inputHeight: shape[2], inputWidth: shape[3], kernel: kernel, stride: stride,
                                   padding: padding, operation: "averagePool2D")
        precondition(2 * window.paddingHeight <= window.kernelHeight && 2 * window.paddingWidth <= window.kernelWidth,
                     "averagePool2D: padding \(padding) must be at most half the kernel \(kernel)")
        let planes = shape[0] * shape[1]
        let result = Tensor.uninitialized([shape[0], shape[1], window.outputHeight, window.outputWidth], dtype: dtype)
        switch dtype {
        case .float32: PoolingKernels<Float>.averageForward(self, result, planes: planes, window, countIncludePad)
        case .float64: PoolingKernels<Double>.averageForward(self, result, planes: planes, window, countIncludePad)
        }
        return record(result, inputs: [self]) { [shape, dtype] gradient in
            let inputGradient = Tensor.zeros(shape, dtype: dtype)
            switch dtype {
            case .float32: PoolingKernels<Float>.averageBackward(gradient, inputGradient, planes: planes, window, countIncludePad)
            case .float64: PoolingKernels<Double>.averageBackward(gradient, inputGradient, planes: planes, window, countIncludePad)
            }
            return [inputGradient]
        }
    }
}
