import RealModule

extension Tensor {
    /// Layer normalisation over the last dimension: `(x - mean) / sqrt(var + eps) * weight + bias`.
    ///
    /// `weight` and `bias` are `[D]` or nil (no affine transform). Forward and backward are fused kernels:
    /// the forward pass keeps each row's mean and inverse standard deviation, the backward pass recomputes
    /// `x̂` from them and makes the input, weight and bias gradients in one sweep over the rows.
    public func layerNorm(weight: Tensor?, bias: Tensor?, epsilon: Double = 1e-5) -> Tensor {
        let width = shape.last!
        precondition(weight.map { $0.shape == [width] && $0.dtype == dtype } ?? true
                     && bias.map { $0.shape == [width] && $0.dtype == dtype } ?? true,
                     "layerNorm: weight \(weight?.shape ?? []) and bias \(bias?.shape ?? []) must be [\(width)] \(dtype)")
        let rows = count / Swift.max(width, 1)
        let result = Tensor.uninitialized(shape, dtype: dtype)
        let statistics = Tensor.uninitialized([rows, 2], dtype: dtype)  // mean, 1/std per row
        switch dtype {
        case .float32: layerNormKernel(self, weight, bias, result, statistics, Float.self, epsilon: epsilon)
        case .float64: layerNormKernel(self, weight, bias, result, statistics, Double.self, epsilon: epsilon)
        }
        var inputs = [self]
        if let weight { inputs.append(weight) }
        if let bias { inputs.append(bias) }
        return record(result, inputs: inputs) { gradient in
            // x̂ = (x - mean) inv_std, g' = g * weight:
            // dx = inv_std (g' - mean(g') - x̂ mean(g' x̂)), dweight = Σ_rows g x̂, dbias = Σ_rows g
            let gradientInput = Tensor.uninitialized(self.shape, dtype: self.dtype)
            let gradientWeight = weight.map { Tensor.uninitialized($0.shape, dtype: $0.dtype) }
            let gradientBias = bias.map { Tensor.uninitialized($0.shape, dtype: $0.dtype) }
            switch self.dtype {
            case .float32:
                layerNormBackwardKernel(self, weight, statistics, gradient, gradientInput, gradientWeight, gradientBias, Float.self)
            case .float64:
                layerNormBackwardKernel(self, weight, statistics, gradient, gradientInput, gradientWeight, gradientBias, Double.self)
            }
            var gradients: [Tensor?] = [gradientInput]
            if weight != nil { gradients.append(gradientWeight) }
            if bias != nil { gradients.append(gradientBias) }
            return gradients
        }
    }
}

private func layerNormKernel<S: TensorScalar>(_ x: Tensor, _ weight: Tensor?, _ bias: Tensor?, _ y: Tensor,
                                              _ statistics: Tensor, _ type: S.Type, epsilon: Double) {
    let width = x.shape.last!
    let rows = x.count / Swift.max(width, 1)
    if rows == 0 || width == 0 { return }
    let source = SendablePointer(x.buffer(S.self).baseAddress!)
    let target = SendablePointer(y.mutableBuffer(S.self).baseAddress!)
    let moments = SendablePointer(statistics.mutableBuffer(S.self).baseAddress!)
    let scale = weight.map { SendablePointer($0.buffer(S.self).baseAddress!) }
    let shift = bias.map { SendablePointer($0.buffer(S.self).baseAddress!) }
    let eps = S(epsilon)
    parallelFor(rows, minimumChunk: Swift.max(1, 8_192 / width)) { range in
        for row in range {
            let input = source.base + row * width, output = target.base + row * width
            var mean: S = 0
            for j in 0..<width { mean += input[j] }
            mean /= S(width)
            var variance: S = 0
            for j in 0..<width { let d = input[j] - mean; variance += d * d }
            variance /= S(width)
            let inverse = 1 / (variance + eps).squareRoot()
            moments.base[2 * row] = mean
            moments.base[2 * row + 1] = inverse
            switch (scale, shift) {
            case let (scale?, shift?):
                for j in 0..<width { output[j] = (input[j] - mean) * inverse * scale.base[j] + shift.base[j] }
            case let (scale?, nil):
                for j in 0..<width { output[j] = (input[j] - mean) * inverse * scale.base[j] }
            case let (nil, shift?):
                for j in 0..<width { output[j] = (input[j] - mean) * inverse + shift.base[j] }
            case (nil, nil):
                for j in 0..<width { output[j] = (input[j] - mean) * inverse }
            }
        }
    }
}

private func layerNormBackwardKernel<S: TensorScalar>(
    _ x: Tensor, _ weight: Tensor?, _ statistics: Tensor, _ gradient: Tensor,
    _ gradientInput: Tensor, _ gradientWeight: Tensor?, _ gradientBias: Tensor?, _ type: S.Type
) {
    let width = x.shape.last!
    let rows = x.count / Swift.max(width, 1)
    gradientWeight?.mutableBuffer(S.self).update(repeating: 0)
    gradientBias?.mutableBuffer(S.self).update(repeating: 0)
    if rows == 0 || width == 0 { return }
    let source = SendablePointer(x.buffer(S.self).baseAddress!)
    let moments = SendablePointer(statistics.buffer(S.self).baseAddress!)
    let incoming = SendablePointer(gradient.buffer(S.self).baseAddress!)
    let target = SendablePointer(gradientInput.mutableBuffer(S.self).baseAddress!)
    let ones = weight == nil ? Tensor.ones([width], dtype: x.dtype) : nil
    let scale = SendablePointer((weight ?? ones!).buffer(S.self).baseAddress!)
    // Column sums for the weight and bias gradients: one partial row per chunk of rows, added up afterwards.
    let chunks = Swift.min(ComputeThreads.count, Swift.max(1, rows * width / 32_768))
    let rowsPerChunk = (rows + chunks - 1) / chunks
    let partials = Tensor.zeros([chunks, 2, width], dtype: x.dtype)
    let partial = SendablePointer(partials.mutableBuffer(S.self).baseAddress!)
    let inverseWidth = 1 / S(width)
    parallelFor(chunks, minimumChunk: 1) { chunkRange in
        for chunk in chunkRange {
            let sumXHat = partial.base + chunk * 2 * width, sumGradient = sumXHat + width
            for row in (chunk * rowsPerChunk)..<Swift.min(rows, (chunk + 1) * rowsPerChunk) {
                let input = source.base + row * width, g = incoming.base + row * width
                let out = target.base + row * width
                let mean = moments.base[2 * row], inverse = moments.base[2 * row + 1]
                var meanScaled: S = 0, meanProjection: S = 0
                for j in 0..<width {
                    let xHat = (input[j] - mean) * inverse
                    let scaled = g[j] * scale.base[j]
                    meanScaled += scaled
                    meanProjection += scaled * xHat
                    sumXHat[j] += g[j] * xHat
                    sumGradient[j] += g[j]
                }
                meanScaled *= inverseWidth
                meanProjection *= inverseWidth
                for j in 0..<width {
                    let xHat = (input[j] - mean) * inverse
                    let scaled = g[j] * scale.base[j]
                    out[j] = inverse * (scaled - meanScaled - xHat * meanProjection)
                }
            }
        }
    }
    let sums = partials.buffer(S.self)
    if let gradientWeight {
        let out = gradientWeight.mutableBuffer(S.self)
        for chunk in 0..<chunks { for j in 0..<width { out[j] += sums[chunk * 2 * width + j] } }
    }
    if let gradientBias {
        let out = gradientBias.mutableBuffer(S.self)
        for chunk in 0..<chunks { for j in 0..<width { out[j] += sums[chunk * 2 * width + width + j] } }
    }
}
