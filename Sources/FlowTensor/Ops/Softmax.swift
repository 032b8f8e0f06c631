import RealModule

extension Tensor {
    /// Softmax over the last dimension.
    public func softmax() -> Tensor {
        let result = Tensor.uninitialized(shape, dtype: dtype)
        switch dtype {
        case .float32: softmaxKernel(self, result, Float.self, logarithm: false)
        case .float64: softmaxKernel(self, result, Double.self, logarithm: false)
        }
        return record(result, inputs: [self]) { [unowned result] gradient in
            // dx = y (g - Σ g y), one fused pass per row
            let gradientInput = Tensor.uninitialized(result.shape, dtype: result.dtype)
            switch result.dtype {
            case .float32: softmaxBackwardKernel(result, gradient, gradientInput, Float.self)
            case .float64: softmaxBackwardKernel(result, gradient, gradientInput, Double.self)
            }
            return [gradientInput]
        }
    }

    /// Log-softmax over the last dimension, computed stably.
    public func logSoftmax() -> Tensor {
        let result = Tensor.uninitialized(shape, dtype: dtype)
        switch dtype {
        case .float32: softmaxKernel(self, result, Float.self, logarithm: true)
        case .float64: softmaxKernel(self, result, Double.self, logarithm: true)
        }
        return record(result, inputs: [self]) { [unowned result] gradient in
            // dx = g - softmax(x) Σ g
            [gradient - result.exp() * gradient.sum(axes: [-1], keepDims: true)]
        }
    }
}

private func softmaxKernel<S: TensorScalar>(_ x: Tensor, _ y: Tensor, _ type: S.Type, logarithm: Bool) {
    let width = x.shape.last ?? 1
    let rows = x.count / max(width, 1)
    let source = SendablePointer(x.buffer(S.self).baseAddress!)
    let target = SendablePointer(y.mutableBuffer(S.self).baseAddress!)
    parallelFor(rows, minimumChunk: max(1, 8_192 / max(width, 1))) { range in
        for row in range {
            let input = source.base + row * width, output = target.base + row * width
            if logarithm {
                let maximum = RowReductions.maximum(UnsafePointer(input), width: width)
                var total: S = 0
                for j in 0..<width { total += S.fastExp(input[j] - maximum) }
                let logTotal = S.log(total)
                for j in 0..<width { output[j] = (input[j] - maximum) - logTotal }
            } else {
                softmaxRow(input, into: output, width: width)
            }
        }
    }
}

/// One row of softmax, `out = exp(x - max x) / Σ exp(x - max x)`; `out` may alias `x`.
///
/// The maximum and the sum are eight-lane reductions (`RowReductions`) and the exponentials a plain map, so
/// every pass vectorises.
@inline(__always)
func softmaxRow<S: TensorScalar>(_ x: UnsafeMutablePointer<S>, into out: UnsafeMutablePointer<S>, width: Int) {
    let maximum = RowReductions.maximum(UnsafePointer(x), width: width)
    for j in 0..<width { out[j] = S.fastExp(x[j] - maximum) }
    let scale = 1 / RowReductions.sum(UnsafePointer(out), width: width)
    for j in 0..<width { out[j] *= scale }
}

/// `dx = y (g - Σ g y)` over each row of the last dimension.
private func softmaxBackwardKernel<S: TensorScalar>(_ y: Tensor, _ g: Tensor, _ dx: Tensor, _ type: S.Type) {
    let width = y.shape.last ?? 1
    let rows = y.count / max(width, 1)
    let probabilities = SendablePointer(y.buffer(S.self).baseAddress!)
    let gradients = SendablePointer(g.buffer(S.self).baseAddress!)
    let target = SendablePointer(dx.mutableBuffer(S.self).baseAddress!)
    parallelFor(rows, minimumChunk: max(1, 8_192 / max(width, 1))) { range in
        for row in range {
            let p = probabilities.base + row * width, gRow = gradients.base + row * width
            let out = target.base + row * width
            softmaxRowBackward(probabilities: p, gradient: gRow, into: out, width: width, scale: 1)
        }
    }
}

/// One row of the softmax backward pass, `out = scale · y (g - Σ g y)`; `out` may alias `gradient`.
@inline(__always)
func softmaxRowBackward<S: TensorScalar>(probabilities y: UnsafeMutablePointer<S>, gradient g: UnsafeMutablePointer<S>,
                                         into out: UnsafeMutablePointer<S>, width: Int, scale: S) {
    let dot = RowReductions.dot(UnsafePointer(g), UnsafePointer(y), width: width)
    for j in 0..<width { out[j] = scale * y[j] * (g[j] - dot) }
}
