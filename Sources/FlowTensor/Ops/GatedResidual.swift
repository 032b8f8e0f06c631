extension Tensor {
    /// DiT's gated residual connection `x + gate · y`, with one gate vector per sample, as one fused op.
    ///
    /// `x` and `y` are `[B, N, C]` tokens; `gate` is `[B, C]` and applies to all N tokens of its sample
    /// (`x + gate.unsqueezed(1) * y` without the broadcast product as a temporary).
    ///
    /// ```swift
    /// let h = Tensor.gatedResidual(x, gate: m[2], y: attention(...))   // x, y: [B, N, C], gate: [B, C]
    /// ```
    public static func gatedResidual(_ x: Tensor, gate: Tensor, _ y: Tensor) -> Tensor {
        precondition(x.rank == 3 && y.shape == x.shape && gate.shape == [x.shape[0], x.shape[2]]
                     && y.dtype == x.dtype && gate.dtype == x.dtype,
                     "gatedResidual: x \(x.shape), y \(y.shape) must be [B, N, C] and gate \(gate.shape) [B, C], one dtype")
        let result = Tensor.uninitialized(x.shape, dtype: x.dtype)
        switch x.dtype {
        case .float32: gatedResidualKernel(x, gate, y, result, Float.self)
        case .float64: gatedResidualKernel(x, gate, y, result, Double.self)
        }
        return x.record(result, inputs: [x, gate, y]) { gradient in
            // dx = g, dgate[b] = Σ_n g ⊙ y, dy = g ⊙ gate[b].
            let gradientGate = gate.needsGradient ? Tensor.uninitialized(gate.shape, dtype: x.dtype) : nil
            let gradientOther = y.needsGradient ? Tensor.uninitialized(y.shape, dtype: x.dtype) : nil
            switch x.dtype {
            case .float32: gatedResidualBackwardKernel(gate, y, gradient, gradientGate, gradientOther, Float.self)
            case .float64: gatedResidualBackwardKernel(gate, y, gradient, gradientGate, gradientOther, Double.self)
            }
            return [gradient, gradientGate, gradientOther]
        }
    }
}

private func gatedResidualKernel<S: TensorScalar>(_ x: Tensor, _ gate: Tensor, _ y: Tensor, _ result: Tensor,
                                                  _ type: S.Type) {
    let (tokens, width) = (x.shape[1], x.shape[2])
    let rows = x.shape[0] * tokens
    if rows == 0 || width == 0 { return }
    let residual = SendablePointer(x.buffer(S.self).baseAddress!)
    let gates = SendablePointer(gate.buffer(S.self).baseAddress!)
    let update = SendablePointer(y.buffer(S.self).baseAddress!)
    let target = SendablePointer(result.mutableBuffer(S.self).baseAddress!)
    parallelFor(rows, minimumChunk: Swift.max(1, 16_384 / width)) { range in
        for row in range {
            let gateRow = gates.base + (row / tokens) * width
            let (a, b, out) = (residual.base + row * width, update.base + row * width, target.base + row * width)
            for j in 0..<width { out[j] = a[j] + gateRow[j] * b[j] }
        }
    }
}

private func gatedResidualBackwardKernel<S: TensorScalar>(_ gate: Tensor, _ y: Tensor, _ gradient: Tensor,
                                                          _ gradientGate: Tensor?, _ gradientOther: Tensor?,
                                                          _ type: S.Type) {
    let (batch, tokens, width) = (y.shape[0], y.shape[1], y.shape[2])
    gradientGate?.mutableBuffer(S.self).update(repeating: 0)
    if batch * tokens == 0 || width == 0 { return }
    let gates = SendablePointer(gate.buffer(S.self).baseAddress!)
    let update = SendablePointer(y.buffer(S.self).baseAddress!)
    let incoming = SendablePointer(gradient.buffer(S.self).baseAddress!)
    let gateSums = gradientGate.map { SendablePointer($0.mutableBuffer(S.self).baseAddress!) }
    let otherTarget = gradientOther.map { SendablePointer($0.mutableBuffer(S.self).baseAddress!) }
    parallelFor(batch, minimumChunk: Swift.max(1, 16_384 / Swift.max(1, tokens * width))) { samples in
        for sample in samples {
            let gateRow = gates.base + sample * width
            for row in (sample * tokens)..<((sample + 1) * tokens) {
                let (g, b) = (incoming.base + row * width, update.base + row * width)
                if let gateSums {
                    let sums = gateSums.base + sample * width
                    for j in 0..<width { sums[j] += g[j] * b[j] }
                }
                if let otherTarget {
                    let out = otherTarget.base + row * width
                    for j in 0..<width { out[j] = g[j] * gateRow[j] }
                }
            }
        }
    }
}
