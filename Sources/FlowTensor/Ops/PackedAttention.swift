extension Tensor {
    /// Multi-head self-attention on packed projections, fused: `softmax(q kᵀ · scale + mask) v` per head,
    /// with the heads split and merged by strided gemms instead of permuted copies.
    ///
    /// `queryKeyValue` is `[B, N, 3C]`, laid out per token as `[3, heads, C/heads]` (timm's `qkv` output);
    /// the result is `[B, N, C]` with the heads concatenated (ready for the output projection). `mask` is
    /// additive and broadcasts to `[B, heads, N, N]`. `scale` defaults to
    /// `1/√(C/heads)`. The same as splitting the heads, `scaledDotProductAttention` and merging, in fewer passes.
    public static func packedSelfAttention(_ queryKeyValue: Tensor, heads: Int, mask: Tensor? = nil,
                                           scale: Double? = nil) -> Tensor {
        precondition(queryKeyValue.rank == 3 && queryKeyValue.shape[2] % (3 * heads) == 0,
                     "packedSelfAttention: \(queryKeyValue.shape) is not [B, N, 3 · heads · depth] for \(heads) heads")
        let (batch, length, width) = (queryKeyValue.shape[0], queryKeyValue.shape[1], queryKeyValue.shape[2] / 3)
        let layout = PackedAttentionLayout.selfAttention(
            batch: batch, length: length, heads: heads, depth: width / heads,
            scale: scale ?? 1 / Double(width / heads).squareRoot(),
            maskStrides: packedAttentionMaskStrides(mask, dtype: queryKeyValue.dtype, shape: [batch, heads, length, length],
                                                    operation: "packedSelfAttention"))
        let (result, probabilities) = packedAttentionForward(query: queryKeyValue, keys: queryKeyValue, mask: mask, layout)
        let inputs = mask.map { [queryKeyValue, $0] } ?? [queryKeyValue]
        return queryKeyValue.record(result, inputs: inputs) { gradient in
            // Queries, keys and values share one tensor: all three gradients land in one `[B, N, 3C]` buffer.
            let gradientInput = Tensor.uninitialized(queryKeyValue.shape, dtype: queryKeyValue.dtype)
            let gradientScores = packedAttentionBackward(query: queryKeyValue, keys: queryKeyValue, probabilities: probabilities,
                                                         gradient: gradient, gradientQuery: gradientInput,
                                                         gradientKeys: gradientInput, layout)
            guard let mask, mask.needsGradient else { return [gradientInput, nil] }
            return [gradientInput, (gradientScores * (1 / layout.scale)).summed(toShape: mask.shape)]
        }
    }

    /// Checks an additive attention mask against the scores' `shape` and returns its broadcast strides (nil without one).
    static func packedAttentionMaskStrides(_ mask: Tensor?, dtype: DType, shape: [Int], operation: String) -> [Int]? {
        mask.map { mask in
            precondition(mask.dtype == dtype, "\(operation): mask is \(mask.dtype)")
            _ = Broadcasting.shape(mask.shape, shape)
            return Broadcasting.strides(of: mask.shape, broadcastTo: shape)
        }
    }

    /// The attention output `[B, L, C]` and the probabilities `[B, heads, L, S]` (kept for the backward pass).
    static func packedAttentionForward(query: Tensor, keys: Tensor, mask: Tensor?,
                                       _ layout: PackedAttentionLayout) -> (result: Tensor, probabilities: Tensor) {
        let result = Tensor.uninitialized([layout.batch, layout.queryLength, layout.width], dtype: query.dtype)
        let probabilities = Tensor.uninitialized([layout.batch, layout.heads, layout.queryLength, layout.keyLength],
                                                 dtype: query.dtype)
        switch query.dtype {
        case .float32: packedAttentionForwardKernel(query, keys, mask, probabilities, result, layout, Float.self)
        case .float64: packedAttentionForwardKernel(query, keys, mask, probabilities, result, layout, Double.self)
        }
        return (result, probabilities)
    }

    /// Writes the query gradient into `gradientQuery` and the key and value gradients into `gradientKeys` (laid
    /// out as `query` and `keys`; the same tensor for self-attention) and returns the scores' gradient
    /// (times `scale`), `[B, heads, L, S]`.
    static func packedAttentionBackward(query: Tensor, keys: Tensor, probabilities: Tensor, gradient: Tensor,
                                        gradientQuery: Tensor, gradientKeys: Tensor,
                                        _ layout: PackedAttentionLayout) -> Tensor {
        let gradientScores = Tensor.uninitialized(probabilities.shape, dtype: query.dtype)
        switch query.dtype {
        case .float32:
            packedAttentionBackwardKernel(query, keys, probabilities, gradient, gradientQuery, gradientKeys, gradientScores,
                                          layout, Float.self)
        case .float64:
            packedAttentionBackwardKernel(query, keys, probabilities, gradient, gradientQuery, gradientKeys, gradientScores,
                                          layout, Double.self)
        }
        return gradientScores
    }
}

private func packedAttentionForwardKernel<S: TensorScalar>(_ query: Tensor, _ keys: Tensor, _ mask: Tensor?,
                                                           _ probabilities: Tensor, _ result: Tensor,
                                                           _ layout: PackedAttentionLayout, _ type: S.Type) {
    if result.count == 0 { return }
    let queries = SendablePointer(query.buffer(S.self).baseAddress!)
    let keyValues = SendablePointer(keys.buffer(S.self).baseAddress!)
    let weights = SendablePointer(probabilities.mutableBuffer(S.self).baseAddress!)
    let output = SendablePointer(result.mutableBuffer(S.self).baseAddress!)
    let maskValues = mask.map { SendablePointer($0.buffer(S.self).baseAddress!) }
    let (l, s, d, width) = (layout.queryLength, layout.keyLength, layout.depth, layout.width)
    let (queryStride, keyStride) = (layout.queryRowStride, layout.keyRowStride)
    let scale = S(layout.scale)
    parallelSmallGemms(layout.pairs) { range in
        for pair in range {
            let tile = weights.base + pair * l * s
            if s == 0 {  // nothing to attend to: zeros, as a product over an empty axis
                for i in 0..<l { (output.base + layout.outputOffset(pair) + i * width).update(repeating: 0, count: d) }
                continue
            }
            S.gemm(transposeA: false, transposeB: true, m: l, n: s, k: d, alpha: scale,
                   a: queries.base + layout.queryOffset(pair), lda: queryStride,
                   b: keyValues.base + layout.keyOffset(pair), ldb: keyStride, beta: 0, c: tile, ldc: s)
            if let maskValues, let strides = layout.maskStrides {
                let base = (pair / layout.heads) * strides[0] + (pair % layout.heads) * strides[1]
                for i in 0..<l {
                    for j in 0..<s { tile[i * s + j] += maskValues.base[base + i * strides[2] + j * strides[3]] }
                }
            }
            for i in 0..<l { softmaxRow(tile + i * s, into: tile + i * s, width: s) }
            S.gemm(transposeA: false, transposeB: false, m: l, n: d, k: s, alpha: 1,
                   a: tile, lda: s, b: keyValues.base + layout.valueOffset(pair), ldb: keyStride, beta: 0,
                   c: output.base + layout.outputOffset(pair), ldc: width)
        }
    }
}

/// For each (batch, head) tile with probabilities P and output gradient dO:
/// dV = Pᵀ dO, dP = dO Vᵀ, dS = P ⊙ (dP - rowsum(dP ⊙ P)), dQ = scale · dS K, dK = scale · dSᵀ Q.
private func packedAttentionBackwardKernel<S: TensorScalar>(_ query: Tensor, _ keys: Tensor, _ probabilities: Tensor,
                                                            _ gradient: Tensor, _ gradientQuery: Tensor,
                                                            _ gradientKeys: Tensor, _ gradientScores: Tensor,
                                                            _ layout: PackedAttentionLayout, _ type: S.Type) {
    if gradient.count == 0 && gradientKeys.count == 0 { return }
    let (l, s, d, width) = (layout.queryLength, layout.keyLength, layout.depth, layout.width)
    let (queryStride, keyStride) = (layout.queryRowStride, layout.keyRowStride)
    let queries = SendablePointer(query.buffer(S.self).baseAddress!)
    let keyValues = SendablePointer(keys.buffer(S.self).baseAddress!)
    let weights = SendablePointer(probabilities.buffer(S.self).baseAddress!)
    let incoming = SendablePointer(gradient.buffer(S.self).baseAddress!)
    let queryTarget = SendablePointer(gradientQuery.mutableBuffer(S.self).baseAddress!)
    let keyTarget = SendablePointer(gradientKeys.mutableBuffer(S.self).baseAddress!)
    let scores = SendablePointer(gradientScores.mutableBuffer(S.self).baseAddress!)
    let scale = S(layout.scale)
    parallelSmallGemms(layout.pairs) { range in
        for pair in range {
            let (q, k, v) = (layout.queryOffset(pair), layout.keyOffset(pair), layout.valueOffset(pair))
            if l == 0 || s == 0 {
                // No scores: the gradients of whichever side exists are zero.
                for i in 0..<l { (queryTarget.base + q + i * queryStride).update(repeating: 0, count: d) }
                for j in 0..<s {
                    (keyTarget.base + k + j * keyStride).update(repeating: 0, count: d)
                    (keyTarget.base + v + j * keyStride).update(repeating: 0, count: d)
                }
                continue
            }
            let tile = weights.base + pair * l * s, gradientTile = scores.base + pair * l * s
            let gradientOutput = incoming.base + layout.outputOffset(pair)
            S.gemm(transposeA: true, transposeB: false, m: s, n: d, k: l, alpha: 1,
                   a: tile, lda: s, b: gradientOutput, ldb: width, beta: 0, c: keyTarget.base + v, ldc: keyStride)
            S.gemm(transposeA: false, transposeB: true, m: l, n: s, k: d, alpha: 1,
                   a: gradientOutput, lda: width, b: keyValues.base + v, ldb: keyStride, beta: 0, c: gradientTile, ldc: s)
            for i in 0..<l {
                softmaxRowBackward(probabilities: tile + i * s, gradient: gradientTile + i * s,
                                   into: gradientTile + i * s, width: s, scale: scale)
            }
            S.gemm(transposeA: false, transposeB: false, m: l, n: d, k: s, alpha: 1,
                   a: gradientTile, lda: s, b: keyValues.base + k, ldb: keyStride, beta: 0,
                   c: queryTarget.base + q, ldc: queryStride)
            S.gemm(transposeA: true, transposeB: false, m: s, n: d, k: l, alpha: 1,
                   a: gradientTile, lda: s, b: queries.base + q, ldb: queryStride, beta: 0,
                   c: keyTarget.base + k, ldc: keyStride)
        }
    }
}
