extension Tensor {
    /// The affine map `x Wᵀ + b` over the last dimension, as one fused op (PyTorch's `F.linear`).
    ///
    /// `x` is `[..., in]`, `weight` `[out, in]`, `bias` `[out]` or nil. The bias is written into the output
    /// first and the product is accumulated onto it by one gemm (`beta = 1`); the backward pass is two gemms
    /// and a column sum, with no broadcast temporaries.
    public static func linear(_ x: Tensor, weight: Tensor, bias: Tensor?) -> Tensor {
        precondition(weight.rank == 2 && x.rank >= 1 && x.shape.last == weight.shape[1],
                     "linear: input \(x.shape) does not fit weight \(weight.shape)")
        precondition(x.dtype == weight.dtype && bias.map { $0.dtype == x.dtype && $0.shape == [weight.shape[0]] } ?? true,
                     "linear: bias \(bias?.shape ?? []) \(bias?.dtype.rawValue ?? "") does not fit weight \(weight.shape) \(weight.dtype)")
        let (outputWidth, inputWidth) = (weight.shape[0], weight.shape[1])
        let rows = x.count / Swift.max(inputWidth, 1)
        let result = Tensor.uninitialized(Array(x.shape.dropLast()) + [outputWidth], dtype: x.dtype)
        switch x.dtype {
        case .float32: linearKernel(x, weight, bias, result, rows: rows, Float.self)
        case .float64: linearKernel(x, weight, bias, result, rows: rows, Double.self)
        }
        var inputs = [x, weight]
        if let bias { inputs.append(bias) }
        return x.record(result, inputs: inputs) { gradient in
            let rowsGradient = gradient.reshaped([rows, outputWidth])
            var gradients: [Tensor?] = [
                x.needsGradient ? Tensor.matmul(rowsGradient, weight).reshaped(x.shape) : nil,
                weight.needsGradient ? Tensor.matmul(rowsGradient, x.reshaped([rows, inputWidth]), transposeA: true) : nil,
            ]
            if let bias { gradients.append(bias.needsGradient ? rowsGradient.sum(axes: [0]) : nil) }
            return gradients
        }
    }
}

/// `result = x Wᵀ + b` for `rows` rows of `x`: the bias written first, the product accumulated onto it by one
/// gemm (split over the threads by `ParallelGemm`).
func linearKernel<S: TensorScalar>(_ x: Tensor, _ weight: Tensor, _ bias: Tensor?, _ result: Tensor,
                                   rows: Int, _ type: S.Type) {
    let (outputWidth, inputWidth) = (weight.shape[0], weight.shape[1])
    let output = result.mutableBuffer(S.self)
    if output.isEmpty { return }
    if let bias {
        let values = bias.buffer(S.self)
        let target = SendablePointer(output.baseAddress!), source = SendablePointer(values.baseAddress!)
        parallelFor(rows, minimumChunk: Swift.max(1, 16_384 / Swift.max(outputWidth, 1))) { range in
            for row in range { (target.base + row * outputWidth).update(from: source.base, count: outputWidth) }
        }
    }
    if inputWidth == 0 {
        if bias == nil { output.update(repeating: 0) }
        return
    }
    ParallelGemm.gemm(transposeA: false, transposeB: true, m: rows, n: outputWidth, k: inputWidth, alpha: 1,
                      a: x.buffer(S.self).baseAddress!, lda: inputWidth, b: weight.buffer(S.self).baseAddress!,
                      ldb: inputWidth, beta: bias == nil ? 0 : 1, c: output.baseAddress!, ldc: outputWidth)
}
