extension Tensor {
    /// DiT's adaLN: layer normalisation over the last dimension without an affine transform, then a
    /// per-sample modulation, `x̂ · (1 + scale) + shift`, as one fused op.
    ///
    /// `self` is `[B, N, C]` tokens; `shift` and `scale` are `[B, C]`, one vector per sample, applied to all
    /// of its N tokens. The same as `modulate(x.layerNorm(weight: nil, bias: nil), shift:, scale:)` without
    /// the broadcast temporaries: the forward pass writes the output once, the backward pass makes the
    /// input, shift and scale gradients in one sweep over each sample's rows.
    ///
    /// ```swift
    /// let h = x.adaptiveLayerNorm(shift: m[0], scale: m[1], epsilon: 1e-6)   // x: [B, N, C], m[i]: [B, C]
    /// ```
    public func adaptiveLayerNorm(shift: Tensor, scale: Tensor, epsilon: Double = 1e-6) -> Tensor {
        precondition(rank == 3, "adaptiveLayerNorm: expects tokens [B, N, C], got \(shape)")
        let (batch, width) = (shape[0], shape[2])
        precondition(shift.shape == [batch, width] && scale.shape == [batch, width]
                     && shift.dtype == dtype && scale.dtype == dtype,
                     "adaptiveLayerNorm: shift \(shift.shape) and scale \(scale.shape) must be [\(batch), \(width)] \(dtype)")
        let result = Tensor.uninitialized(shape, dtype: dtype)
        let statistics = Tensor.uninitialized([batch * shape[1], 2], dtype: dtype)  // mean, 1/std per row
        switch dtype {
        case .float32: adaptiveLayerNormKernel(self, shift, scale, result, statistics, epsilon, Float.self)
        case .float64: adaptiveLayerNormKernel(self, shift, scale, result, statistics, epsilon, Double.self)
        }
        return record(result, inputs: [self, shift, scale]) { gradient in
            // With g' = g (1 + scale): dx = inv_std (g' - mean(g') - x̂ mean(g' x̂)),
            // dshift[b] = Σ_n g, dscale[b] = Σ_n g x̂.
            let gradientInput = Tensor.uninitialized(self.shape, dtype: self.dtype)
            let gradientShift = Tensor.uninitialized(shift.shape, dtype: self.dtype)
            let gradientScale = Tensor.uninitialized(scale.shape, dtype: self.dtype)
            switch self.dtype {
            case .float32:
                adaptiveLayerNormBackwardKernel(self, scale, statistics, gradient, gradientInput, gradientShift,
                                                gradientScale, Float.self)
            case .float64:
                adaptiveLayerNormBackwardKernel(self, scale, statistics, gradient, gradientInput, gradientShift,
                                                gradientScale, Double.self)
            }
            return [gradientInput, gradientShift, gradientScale]
        }
    }
}

private func adaptiveLayerNormKernel<S: TensorScalar>(_ x: Tensor, _ shift: Tensor, _ scale: Tensor, _ y: Tensor,
                                                      _ statistics: Tensor, _ epsilon: Double, _ type: S.Type) {
    let (tokens, width) = (x.shape[1], x.shape[2])
    let rows = x.shape[0] * tokens
    if rows == 0 || width == 0 { return }
    let source = SendablePointer(x.buffer(S.self).baseAddress!)
    let target = SendablePointer(y.mutableBuffer(S.self).baseAddress!)
    let moments = SendablePointer(statistics.mutableBuffer(S.self).baseAddress!)
    let shifts = SendablePointer(shift.buffer(S.self).baseAddress!)
    let scales = SendablePointer(scale.buffer(S.self).baseAddress!)
    let eps = S(epsilon)
    parallelFor(rows, minimumChunk: Swift.max(1, 8_192 / width)) { range in
        for row in range {
            let input = source.base + row * width, output = target.base + row * width
            let sample = row / tokens
            let shiftRow = shifts.base + sample * width, scaleRow = scales.base + sample * width
            let mean = RowReductions.sum(UnsafePointer(input), width: width) / S(width)
            let variance = RowReductions.sumOfSquares(UnsafePointer(input), centeredAt: mean, width: width) / S(width)
            let inverse = 1 / (variance + eps).squareRoot()
            moments.base[2 * row] = mean
            moments.base[2 * row + 1] = inverse
            for j in 0..<width { output[j] = (input[j] - mean) * inverse * (1 + scaleRow[j]) + shiftRow[j] }
        }
    }
}

private func adaptiveLayerNormBackwardKernel<S: TensorScalar>(
    _ x: Tensor, _ scale: Tensor, _ statistics: Tensor, _ gradient: Tensor,
    _ gradientInput: Tensor, _ gradientShift: Tensor, _ gradientScale: Tensor, _ type: S.Type
) {
    let (batch, tokens, width) = (x.shape[0], x.shape[1], x.shape[2])
    gradientShift.mutableBuffer(S.self).update(repeating: 0)
    gradientScale.mutableBuffer(S.self).update(repeating: 0)
    if batch * tokens == 0 || width == 0 { return }
    let source = SendablePointer(x.buffer(S.self).baseAddress!)
    let moments = SendablePointer(statistics.buffer(S.self).baseAddress!)
    let incoming = SendablePointer(gradient.buffer(S.self).baseAddress!)
    let target = SendablePointer(gradientInput.mutableBuffer(S.self).baseAddress!)
    let scales = SendablePointer(scale.buffer(S.self).baseAddress!)
    let shiftSums = SendablePointer(gradientShift.mutableBuffer(S.self).baseAddress!)
    let scaleSums = SendablePointer(gradientScale.mutableBuffer(S.self).baseAddress!)
    let inverseWidth = 1 / S(width)
    // One sample per task: its shift and scale gradients are sums over its own rows only.
    parallelFor(batch, minimumChunk: Swift.max(1, 8_192 / Swift.max(1, tokens * width))) { samples in
        for sample in samples {
            let scaleRow = scales.base + sample * width
            let sumGradient = shiftSums.base + sample * width, sumProjection = scaleSums.base + sample * width
            for row in (sample * tokens)..<((sample + 1) * tokens) {
                let input = source.base + row * width, g = incoming.base + row * width
                let out = target.base + row * width
                let mean = moments.base[2 * row], inverse = moments.base[2 * row + 1]
                // Eight lanes at a time: the two row means are reductions, the column sums plain updates.
                var scaledLanes = SIMD8<S>(repeating: 0), projectionLanes = SIMD8<S>(repeating: 0)
                let (means, inverses) = (SIMD8<S>(repeating: mean), SIMD8<S>(repeating: inverse))
                var j = 0
                while j + 8 <= width {
                    let xHat = (RowReductions.load(input, j) - means) * inverses
                    let gradients = RowReductions.load(g, j)
                    let scaled = gradients * (1 + RowReductions.load(scaleRow, j))
                    scaledLanes += scaled
                    projectionLanes += scaled * xHat
                    RowReductions.store(RowReductions.load(sumProjection, j) + gradients * xHat, sumProjection, j)
                    RowReductions.store(RowReductions.load(sumGradient, j) + gradients, sumGradient, j)
                    j += 8
                }
                var meanScaled = RowReductions.combine(scaledLanes), meanProjection = RowReductions.combine(projectionLanes)
                while j < width {
                    let xHat = (input[j] - mean) * inverse
                    let scaled = g[j] * (1 + scaleRow[j])
                    meanScaled += scaled
                    meanProjection += scaled * xHat
                    sumProjection[j] += g[j] * xHat
                    sumGradient[j] += g[j]
                    j += 1
                }
                meanScaled *= inverseWidth
                meanProjection *= inverseWidth
                for j in 0..<width {
                    let xHat = (input[j] - mean) * inverse
                    out[j] = inverse * (g[j] * (1 + scaleRow[j]) - meanScaled - xHat * meanProjection)
                }
            }
        }
    }
}
