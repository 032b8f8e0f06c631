extension Tensor {
    /// Every image plane of `[N, C, H, W]` resized to `[height, width]` by bilinear interpolation (no antialiasing).
    ///
    /// `sampling` picks where each output pixel samples the input (see `BilinearSampling`); coordinates past the
    /// last pixel are clamped (edge pixels repeat). The resize is separable: each plane is multiplied by a
    /// `[W, width]` interpolation matrix on the right and a `[H, height]` one on the left, two gemms over the
    /// whole batch, so the gradient comes with matrix products.
    ///
    /// ```swift
    /// let resized = images.resizedBilinear(height: 299, width: 299, sampling: .asymmetric)
    /// ```
    public func resizedBilinear(height: Int, width: Int, sampling: BilinearSampling = .halfPixel) -> Tensor {
        precondition(rank == 4 && shape[2] >= 1 && shape[3] >= 1 && height >= 1 && width >= 1,
                     "resizedBilinear: input must be non-empty [N, C, H, W] (got \(shape)), size positive (got \([height, width]))")
        let (planes, inputHeight, inputWidth) = (shape[0] * shape[1], shape[2], shape[3])
        if inputHeight == height && inputWidth == width && sampling != .alignCorners { return self }
        let horizontal = Tensor(shape: [inputWidth, width],
                                scalars: sampling.interpolationMatrix(input: inputWidth, output: width)).converted(to: dtype)
        let vertical = Tensor(shape: [inputHeight, height],
                              scalars: sampling.interpolationMatrix(input: inputHeight, output: height)).converted(to: dtype)
        let rowsResized = Tensor.matmul(reshaped([planes * inputHeight, inputWidth]), horizontal)   // [P·H, width]
        let columnsFirst = rowsResized.reshaped([planes, inputHeight, width]).transposed()         // [P, width, H]
        let resized = Tensor.matmul(columnsFirst, vertical).transposed()                             // [P, height, width]
        return resized.reshaped([shape[0], shape[1], height, width])
    }
}
