import RealModule

extension Tensor {
    /// Softmax over the last dimension.
    public func softmax() -> Tensor {
        let result = Tensor.uninitialized(shape, dtype: dtype)
        switch dtype {
        case .float32: softmaxKernel(self, result, Float.self, logarithm: false)
        case .float64: softmaxKernel(self, result, Double.self, logarithm: false)
        }
        return record(result, inputs: [self]) { gradient in
            // dx = y (g - Σ g y)
            [result * (gradient - (gradient * result).sum(axes: [-1], keepDims: true))]
        }
    }

    /// Log-softmax over the last dimension, computed stably.
    public func logSoftmax() -> Tensor {
        let result = Tensor.uninitialized(shape, dtype: dtype)
        switch dtype {
        case .float32: softmaxKernel(self, result, Float.self, logarithm: true)
        case .float64: softmaxKernel(self, result, Double.self, logarithm: true)
        }
        return record(result, inputs: [self]) { gradient in
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
            var maximum = -S.infinity
            for j in 0..<width { maximum = Swift.max(maximum, input[j]) }
            var total: S = 0
            for j in 0..<width {
                let e = S.fastExp(input[j] - maximum)
                output[j] = e
                total += e
            }
            if logarithm {
                let logTotal = S.log(total)
                for j in 0..<width { output[j] = (input[j] - maximum) - logTotal }
            } else {
                let scale = 1 / total
                for j in 0..<width { output[j] *= scale }
            }
        }
    }
}
