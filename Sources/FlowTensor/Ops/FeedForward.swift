extension Tensor {
    /// A two-layer feed-forward block `linear₂(activation(linear₁(x)))` (timm's `Mlp`) as one fused op.
    ///
    /// `x` is `[..., in]`; `hiddenWeight` `[hidden, in]`, `outputWeight` `[out, hidden]` (PyTorch's `nn.Linear`
    /// layout), biases `[hidden]` and `[out]` or nil.
    ///
    /// While a tape records, the products are `linear`'s (the same bits as `linear`, the activation and `linear`
    /// in turn) and the activation's derivative is computed in the activation's pass, from the same exponential,
    /// and kept instead of the pre-activations: the backward pass multiplies by it instead of evaluating a
    /// second exponential. Without a tape (sampling, evaluation) the rows are taken in blocks of a fixed size,
    /// small enough that a block's hidden activations stay in the cache between the first product, the
    /// activation and the second product instead of going to memory and back three times; OpenBLAS's float32
    /// kernels may round a product taken in row blocks differently in the last bit (float64 here gives the
    /// same bits), and the result does not depend on the thread count.
    ///
    /// ```swift
    /// let y = Tensor.feedForward(x, hiddenWeight: w1, hiddenBias: b1, outputWeight: w2, outputBias: b2,
    ///                            activation: .geluTanh)   // x [B, N, 128], w1 [512, 128], w2 [128, 512]
    /// ```
    public static func feedForward(_ x: Tensor, hiddenWeight: Tensor, hiddenBias: Tensor?, outputWeight: Tensor,
                                   outputBias: Tensor?, activation: FeedForwardActivation) -> Tensor {
        let (hiddenWidth, inputWidth) = (hiddenWeight.shape[0], hiddenWeight.shape[1])
        let outputWidth = outputWeight.shape[0]
        precondition(hiddenWeight.rank == 2 && outputWeight.rank == 2 && x.rank >= 1 && x.shape.last == inputWidth
                     && outputWeight.shape[1] == hiddenWidth,
                     "feedForward: input \(x.shape) does not fit weights \(hiddenWeight.shape) and \(outputWeight.shape)")
        precondition([hiddenWeight.dtype, outputWeight.dtype].allSatisfy { $0 == x.dtype }
                     && hiddenBias.map { $0.dtype == x.dtype && $0.shape == [hiddenWidth] } ?? true
                     && outputBias.map { $0.dtype == x.dtype && $0.shape == [outputWidth] } ?? true,
                     "feedForward: biases \(hiddenBias?.shape ?? []) and \(outputBias?.shape ?? []) or dtypes do not fit")
        let rows = x.count / Swift.max(inputWidth, 1)
        let result = Tensor.uninitialized(Array(x.shape.dropLast()) + [outputWidth], dtype: x.dtype)
        var inputs = [x, hiddenWeight, outputWeight]
        if let hiddenBias { inputs.append(hiddenBias) }
        if let outputBias { inputs.append(outputBias) }
        let recording = GradientMode.isEnabled && inputs.contains(where: \.needsGradient)
        // Kept for the backward pass: the activations (the second product's input) and the derivatives.
        let activated = recording ? Tensor.uninitialized([rows, hiddenWidth], dtype: x.dtype) : nil
        let derivative = recording ? Tensor.uninitialized([rows, hiddenWidth], dtype: x.dtype) : nil
        if let activated, let derivative {
            switch x.dtype {
            case .float32: recordedFeedForward(x, hiddenWeight, hiddenBias, outputWeight, outputBias, activation, result,
                                               activated, derivative, rows: rows, Float.self)
            case .float64: recordedFeedForward(x, hiddenWeight, hiddenBias, outputWeight, outputBias, activation, result,
                                               activated, derivative, rows: rows, Double.self)
            }
        } else {
            let weights = FeedForwardWeights(hidden: hiddenWeight, hiddenBias: hiddenBias, output: outputWeight,
                                             outputBias: outputBias)
            switch x.dtype {
            case .float32: blockedFeedForward(x, weights, activation, result, rows: rows, Float.self)
            case .float64: blockedFeedForward(x, weights, activation, result, rows: rows, Double.self)
            }
        }
        guard let activated, let derivative else { return result }
        return x.record(result, inputs: inputs) { gradient in
            let outputGradient = gradient.reshaped([rows, outputWidth])
            // The gradient of the hidden pre-activations: (g W₂) ⊙ f'(h), the product overwritten in place.
            let hiddenGradient = Tensor.matmul(outputGradient, outputWeight)
            switch x.dtype {
            case .float32: multiplyInPlace(hiddenGradient, by: derivative, Float.self)
            case .float64: multiplyInPlace(hiddenGradient, by: derivative, Double.self)
            }
            var gradients: [Tensor?] = [
                x.needsGradient ? Tensor.matmul(hiddenGradient, hiddenWeight).reshaped(x.shape) : nil,
                hiddenWeight.needsGradient
                    ? Tensor.matmul(hiddenGradient, x.reshaped([rows, inputWidth]), transposeA: true) : nil,
                outputWeight.needsGradient ? Tensor.matmul(outputGradient, activated, transposeA: true) : nil,
            ]
            if let hiddenBias { gradients.append(hiddenBias.needsGradient ? hiddenGradient.sum(axes: [0]) : nil) }
            if let outputBias { gradients.append(outputBias.needsGradient ? outputGradient.sum(axes: [0]) : nil) }
            return gradients
        }
    }
}

/// Rows of `x` per block: 256 KiB of hidden activations (128 rows of 512 floats), so that a block's hidden
/// values stay in the core's L2 cache between the two products, while each product still has enough rows to
/// amortise the packing of its weight matrix (128 KiB to 1 MiB measured the same on a 2-core AMD EPYC).
private func feedForwardBlockRows(hiddenWidth: Int, rows: Int, scalarBytes: Int) -> Int {
    Swift.min(Swift.max(16, (1 << 18) / Swift.max(hiddenWidth * scalarBytes, 1)), Swift.max(rows, 1))
}

/// The forward pass while recording: `linear`'s products, and one pass that applies the activation in place
/// and writes its derivative.
private func recordedFeedForward<S: TensorScalar>(_ x: Tensor, _ hiddenWeight: Tensor, _ hiddenBias: Tensor?,
                                                  _ outputWeight: Tensor, _ outputBias: Tensor?,
                                                  _ activation: FeedForwardActivation, _ result: Tensor,
                                                  _ activated: Tensor, _ derivative: Tensor, rows: Int, _ type: S.Type) {
    linearKernel(x, hiddenWeight, hiddenBias, activated, rows: rows, S.self)
    if activated.count > 0 {
        let hidden = SendablePointer(activated.mutableBuffer(S.self).baseAddress!)
        let slope = SendablePointer(derivative.mutableBuffer(S.self).baseAddress!)
        parallelFor(activated.count) { range in
            applyActivation(activation, hidden.base, slope.base, range)
        }
    }
    linearKernel(activated, outputWeight, outputBias, result, rows: rows, S.self)
}

/// `hidden[i] = f(hidden[i])` over `range`, and `slope[i] = f'(hidden[i])` (from the input) when `slope` is given.
@inline(__always)
private func applyActivation<S: TensorScalar>(_ activation: FeedForwardActivation, _ hidden: UnsafeMutablePointer<S>,
                                              _ slope: UnsafeMutablePointer<S>?, _ range: Range<Int>) {
    if let slope {
        switch activation {
        case .geluTanh:
            for index in range {
                let value = hidden[index]
                slope[index] = geluTanhDerivative(value)
                hidden[index] = geluTanhValue(value)
            }
        case .geluErf:
            for index in range {
                let value = hidden[index]
                slope[index] = geluErfDerivative(value)
                hidden[index] = geluErfValue(value)
            }
        case .silu:
            for index in range {
                let value = hidden[index]
                slope[index] = siluDerivative(value)
                hidden[index] = value / (1 + S.fastExp(-value))
            }
        }
    } else {
        switch activation {
        case .geluTanh: for index in range { hidden[index] = geluTanhValue(hidden[index]) }
        case .geluErf: for index in range { hidden[index] = geluErfValue(hidden[index]) }
        case .silu: for index in range { hidden[index] = hidden[index] / (1 + S.fastExp(-hidden[index])) }
        }
    }
}

/// The forward pass without a tape: blocks of rows, each through both products and the activation while its
/// hidden values are in the cache; blocks are spread over the threads, one single-threaded gemm each.
private func blockedFeedForward<S: TensorScalar>(_ x: Tensor, _ weights: FeedForwardWeights,
                                                 _ activation: FeedForwardActivation, _ result: Tensor, rows: Int,
                                                 _ type: S.Type) {
    let (hiddenWidth, inputWidth) = (weights.hidden.shape[0], weights.hidden.shape[1])
    let outputWidth = weights.output.shape[0]
    if rows == 0 || outputWidth == 0 { return }
    let input = SendablePointer(x.buffer(S.self).baseAddress!)
    let hiddenWeight = SendablePointer(weights.hidden.buffer(S.self).baseAddress!)
    let outputWeight = SendablePointer(weights.output.buffer(S.self).baseAddress!)
    let hiddenBias = weights.hiddenBias.map { SendablePointer($0.buffer(S.self).baseAddress!) }
    let outputBias = weights.outputBias.map { SendablePointer($0.buffer(S.self).baseAddress!) }
    let output = SendablePointer(result.mutableBuffer(S.self).baseAddress!)
    let blockRows = feedForwardBlockRows(hiddenWidth: hiddenWidth, rows: rows, scalarBytes: MemoryLayout<S>.stride)
    let blocks = (rows + blockRows - 1) / blockRows
    parallelSmallGemms(blocks) { range in
        let hidden = UnsafeMutablePointer<S>.allocate(capacity: Swift.max(1, blockRows * hiddenWidth))
        defer { hidden.deallocate() }
        for block in range {
            let start = block * blockRows, count = Swift.min(blockRows, rows - start)
            // First product, onto the bias as `linear` computes it.
            if let hiddenBias {
                for row in 0..<count { (hidden + row * hiddenWidth).update(from: hiddenBias.base, count: hiddenWidth) }
            }
            if inputWidth > 0 {
                S.gemm(transposeA: false, transposeB: true, m: count, n: hiddenWidth, k: inputWidth, alpha: 1,
                       a: input.base + start * inputWidth, lda: inputWidth, b: hiddenWeight.base, ldb: inputWidth,
                       beta: hiddenBias == nil ? 0 : 1, c: hidden, ldc: hiddenWidth)
            } else if hiddenBias == nil {
                hidden.update(repeating: 0, count: count * hiddenWidth)
            }
            applyActivation(activation, hidden, nil, 0..<(count * hiddenWidth))
            // Second product.
            let target = output.base + start * outputWidth
            if let outputBias {
                for row in 0..<count { (target + row * outputWidth).update(from: outputBias.base, count: outputWidth) }
            }
            if hiddenWidth > 0 {
                S.gemm(transposeA: false, transposeB: true, m: count, n: outputWidth, k: hiddenWidth, alpha: 1,
                       a: hidden, lda: hiddenWidth, b: outputWeight.base, ldb: hiddenWidth,
                       beta: outputBias == nil ? 0 : 1, c: target, ldc: outputWidth)
            } else if outputBias == nil {
                target.update(repeating: 0, count: count * outputWidth)
            }
        }
    }
}

/// `values *= factors`, element by element (same shapes).
private func multiplyInPlace<S: TensorScalar>(_ values: Tensor, by factors: Tensor, _ type: S.Type) {
    let target = SendablePointer(values.mutableBuffer(S.self).baseAddress!)
    let source = SendablePointer(factors.buffer(S.self).baseAddress!)
    parallelFor(values.count) { range in
        for index in range { target.base[index] *= source.base[index] }
    }
}
