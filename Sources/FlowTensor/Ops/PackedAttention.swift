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
        let layout = PackedAttentionLayout(batch: batch, length: length, heads: heads, depth: width / heads,
                                           scale: scale ?? 1 / Double(width / heads).squareRoot(),
                                           maskStrides: mask.map { mask in
                                               precondition(mask.dtype == queryKeyValue.dtype, "packedSelfAttention: mask is \(mask.dtype)")
                                               _ = Broadcasting.shape(mask.shape, [batch, heads, length, length])
                                               return Broadcasting.strides(of: mask.shape, broadcastTo: [batch, heads, length, length])
                                           })
        let result = Tensor.uninitialized([batch, length, width], dtype: queryKeyValue.dtype)
        let probabilities = Tensor.uninitialized([batch, heads, length, length], dtype: queryKeyValue.dtype)
        switch queryKeyValue.dtype {
        case .float32: packedAttentionForward(queryKeyValue, mask, probabilities, result, layout, Float.self)
        case .float64: packedAttentionForward(queryKeyValue, mask, probabilities, result, layout, Double.self)
        }
        let inputs = mask.map { [queryKeyValue, $0] } ?? [queryKeyValue]
        return queryKeyValue.record(result, inputs: inputs) { gradient in
            let gradientInput = Tensor.uninitialized(queryKeyValue.shape, dtype: queryKeyValue.dtype)
            // The gradient of the scores (times scale), [B, heads, N, N].
            let gradientScores = Tensor.uninitialized(probabilities.shape, dtype: queryKeyValue.dtype)
            switch queryKeyValue.dtype {
            case .float32:
                packedAttentionBackward(queryKeyValue, probabilities, gradient, gradientInput, gradientScores, layout, Float.self)
            case .float64:
                packedAttentionBackward(queryKeyValue, probabilities, gradient, gradientInput, gradientScores, layout, Double.self)
            }
            guard let mask, mask.needsGradient else { return [gradientInput, nil] }
            return [gradientInput, (gradientScores * (1 / layout.scale)).summed(toShape: mask.shape)]
        }
    }
}

/// Sizes and strides of a packed attention problem; one (batch, head) pair is one independent tile.
struct PackedAttentionLayout: Sendable {
    let batch: Int, length: Int, heads: Int, depth: Int
    let scale: Double
    /// Strides of the mask broadcast to `[B, heads, N, N]`, or nil without a mask.
    let maskStrides: [Int]?

    var width: Int { heads * depth }
    var pairs: Int { batch * heads }

    /// Element offsets of the query, key and value of `pair` inside `[B, N, 3C]`, whose row stride is 3C.
    func packedOffsets(_ pair: Int) -> (query: Int, key: Int, value: Int) {
        let (b, h) = (pair / heads, pair % heads)
        let query = b * length * 3 * width + h * depth
        return (query, query + width, query + 2 * width)
    }

    /// Element offset of `pair`'s output columns inside `[B, N, C]`.
    func outputOffset(_ pair: Int) -> Int { (pair / heads) * length * width + (pair % heads) * depth }
}

private func packedAttentionForward<S: TensorScalar>(_ qkv: Tensor, _ mask: Tensor?, _ probabilities: Tensor,
                                                     _ result: Tensor, _ layout: PackedAttentionLayout, _ type: S.Type) {
    if result.count == 0 { return }
    let packed = SendablePointer(qkv.buffer(S.self).baseAddress!)
    let weights = SendablePointer(probabilities.mutableBuffer(S.self).baseAddress!)
    let output = SendablePointer(result.mutableBuffer(S.self).baseAddress!)
    let maskValues = mask.map { SendablePointer($0.buffer(S.self).baseAddress!) }
    let (n, d, rowStride, width) = (layout.length, layout.depth, 3 * layout.width, layout.width)
    let scale = S(layout.scale)
    parallelSmallGemms(layout.pairs) { range in
        for pair in range {
            let (q, k, v) = layout.packedOffsets(pair)
            let tile = weights.base + pair * n * n
            S.gemm(transposeA: false, transposeB: true, m: n, n: n, k: d, alpha: scale,
                   a: packed.base + q, lda: rowStride, b: packed.base + k, ldb: rowStride, beta: 0, c: tile, ldc: n)
            if let maskValues, let strides = layout.maskStrides {
                let base = (pair / layout.heads) * strides[0] + (pair % layout.heads) * strides[1]
                for i in 0..<n {
                    for j in 0..<n { tile[i * n + j] += maskValues.base[base + i * strides[2] + j * strides[3]] }
                }
            }
            for i in 0..<n { softmaxRow(tile + i * n, into: tile + i * n, width: n) }
            S.gemm(transposeA: false, transposeB: false, m: n, n: d, k: n, alpha: 1,
                   a: tile, lda: n, b: packed.base + v, ldb: rowStride, beta: 0,
                   c: output.base + layout.outputOffset(pair), ldc: width)
        }
    }
}

/// For each (batch, head) tile with probabilities P and output gradient dO:
/// dV = Pᵀ dO, dP = dO Vᵀ, dS = P ⊙ (dP - rowsum(dP ⊙ P)), dQ = scale · dS K, dK = scale · dSᵀ Q.
private func packedAttentionBackward<S: TensorScalar>(_ qkv: Tensor, _ probabilities: Tensor, _ gradient: Tensor,
                                                      _ gradientInput: Tensor, _ gradientScores: Tensor,
                                                      _ layout: PackedAttentionLayout, _ type: S.Type) {
    if gradient.count == 0 { return }
    let (n, d, rowStride, width) = (layout.length, layout.depth, 3 * layout.width, layout.width)
    let packed = SendablePointer(qkv.buffer(S.self).baseAddress!)
    let weights = SendablePointer(probabilities.buffer(S.self).baseAddress!)
    let incoming = SendablePointer(gradient.buffer(S.self).baseAddress!)
    let target = SendablePointer(gradientInput.mutableBuffer(S.self).baseAddress!)
    let scores = SendablePointer(gradientScores.mutableBuffer(S.self).baseAddress!)
    let scale = S(layout.scale)
    parallelSmallGemms(layout.pairs) { range in
        for pair in range {
            let (q, k, v) = layout.packedOffsets(pair)
            let tile = weights.base + pair * n * n, gradientTile = scores.base + pair * n * n
            let gradientOutput = incoming.base + layout.outputOffset(pair)
            S.gemm(transposeA: true, transposeB: false, m: n, n: d, k: n, alpha: 1,
                   a: tile, lda: n, b: gradientOutput, ldb: width, beta: 0, c: target.base + v, ldc: rowStride)
            S.gemm(transposeA: false, transposeB: true, m: n, n: n, k: d, alpha: 1,
                   a: gradientOutput, lda: width, b: packed.base + v, ldb: rowStride, beta: 0, c: gradientTile, ldc: n)
            for i in 0..<n {
                softmaxRowBackward(probabilities: tile + i * n, gradient: gradientTile + i * n,
                                   into: gradientTile + i * n, width: n, scale: scale)
            }
            S.gemm(transposeA: false, transposeB: false, m: n, n: d, k: n, alpha: 1,
                   a: gradientTile, lda: n, b: packed.base + k, ldb: rowStride, beta: 0, c: target.base + q, ldc: rowStride)
            S.gemm(transposeA: true, transposeB: false, m: n, n: d, k: n, alpha: 1,
                   a: gradientTile, lda: n, b: packed.base + q, ldb: rowStride, beta: 0, c: target.base + k, ldc: rowStride)
        }
    }
}
