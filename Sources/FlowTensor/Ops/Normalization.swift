import RealModule

extension Tensor {
    /// Layer normalisation over the last dimension: `(x - mean) / sqrt(var + eps) * weight + bias`.
    ///
    /// `weight` and `bias` are `[D]` or nil (no affine transform). Forward and backward are fused kernels.
    public func layerNorm(weight: Tensor?, bias: Tensor?, epsilon: Double = 1e-5) -> Tensor {
        let width = shape.last!
        let rows = count / width
        let normalized = Tensor.uninitialized(shape, dtype: dtype)
        let inverseStd = Tensor.uninitialized([rows], dtype: dtype)
        switch dtype {
        case .float32: layerNormKernel(self, normalized, inverseStd, Float.self, epsilon: epsilon)
        case .float64: layerNormKernel(self, normalized, inverseStd, Double.self, epsilon: epsilon)
        }
        let xHat = normalized.detached()
        var result = xHat
        withNoGradient {
            if let weight { result = result * weight }
            if let bias { result = result + bias }
        }
        result = result.detached()
        var inputs = [self]
        if let weight { inputs.append(weight) }
        if let bias { inputs.append(bias) }
        return record(result, inputs: inputs) { gradient in
            let gradXHat = weight.map { gradient * $0 } ?? gradient
            // dx = inv_std * (g' - mean(g') - x̂ mean(g' x̂)), g' = g * weight
            let meanGradient = gradXHat.mean(axes: [-1], keepDims: true)
            let meanProjection = (gradXHat * xHat).mean(axes: [-1], keepDims: true)
            let gradX = (gradXHat - meanGradient - xHat * meanProjection) * inverseStd.reshaped(Array(self.shape.dropLast()) + [1])
            var gradients: [Tensor?] = [gradX]
            if let weight { gradients.append((gradient * xHat).summed(toShape: weight.shape)) }
            if let bias { gradients.append(gradient.summed(toShape: bias.shape)) }
            return gradients
        }
    }
}

private func layerNormKernel<S: TensorScalar>(_ x: Tensor, _ y: Tensor, _ inverseStd: Tensor, _ type: S.Type,
                                              epsilon: Double) {
    let width = x.shape.last!
    let rows = x.count / width
    let source = SendablePointer(x.buffer(S.self).baseAddress!)
    let target = SendablePointer(y.mutableBuffer(S.self).baseAddress!)
    let stds = SendablePointer(inverseStd.mutableBuffer(S.self).baseAddress!)
    let eps = S(epsilon)
    parallelFor(rows, minimumChunk: max(1, 8_192 / width)) { range in
        for row in range {
            let input = source.base + row * width, output = target.base + row * width
            var mean: S = 0
            for j in 0..<width { mean += input[j] }
            mean /= S(width)
            var variance: S = 0
            for j in 0..<width { let d = input[j] - mean; variance += d * d }
            variance /= S(width)
            let inverse = 1 / (variance + eps).squareRoot()
            stds.base[row] = inverse
            for j in 0..<width { output[j] = (input[j] - mean) * inverse }
        }
    }
}
