extension Tensor {
    /// The maximum over each window of every image plane (PyTorch's `F.max_pool2d`, dilation 1, `ceil_mode` off).
    ///
    /// `self` is `[N, C, H, W]`; `kernel`, `stride` and `padding` are `[height, width]`. Padding never wins
    /// (it is −∞, as in PyTorch), so `padding` may be at most half the kernel. The gradient flows to the
    /// first maximum of each window (row-major order), as PyTorch's does.
    ///
    /// ```swift
    /// let pooled = features.maxPool2D(kernel: [3, 3], stride: [2, 2])   // [N, C, (H - 3) / 2 + 1, ...]
    /// ```
    public func maxPool2D(kernel: [Int], stride: [Int], padding: [Int] = [0, 0]) -> Tensor {
        precondition(rank == 4, "maxPool2D: input must be [N, C, H, W], got \(shape)")
        let window = SlidingWindow(inputHeight: shape[2], inputWidth: shape[3], kernel: kernel, stride: stride,
                                   padding: padding, operation: "maxPool2D")
        precondition(2 * window.paddingHeight <= window.kernelHeight && 2 * window.paddingWidth <= window.kernelWidth,
                     "maxPool2D: padding \(padding) must be at most half the kernel \(kernel)")
        let planes = shape[0] * shape[1]
        let result = Tensor.uninitialized([shape[0], shape[1], window.outputHeight, window.outputWidth], dtype: dtype)
        var winners = [Int32](repeating: 0, count: result.count)
        switch dtype {
        case .float32: PoolingKernels<Float>.maxForward(self, result, &winners, planes: planes, window)
        case .float64: PoolingKernels<Double>.maxForward(self, result, &winners, planes: planes, window)
        }
        return record(result, inputs: [self]) { [shape, dtype] gradient in
            let inputGradient = Tensor.zeros(shape, dtype: dtype)
            switch dtype {
            case .float32: PoolingKernels<Float>.maxBackward(gradient, inputGradient, winners, planes: planes, window)
            case .float64: PoolingKernels<Double>.maxBackward(gradient, inputGradient, winners, planes: planes, window)
            }
            return [inputGradient]
        }
    }
}
