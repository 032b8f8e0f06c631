import FlowTensor

extension Conv2d {
    /// A convolution followed by an inference-mode batch norm, folded into one convolution at load time.
    ///
    /// `BN(conv(x)) = scale · (W∗x + b − mean) / √(variance + ε) + shift`, so the folded layer has
    /// `W' = W · scale / √(variance + ε)` (per output channel) and `b' = (b − mean) · scale / √(variance + ε) + shift`.
    /// `scale` nil means 1 (a batch norm without γ, as in the TensorFlow Inception), `bias` nil means 0.
    /// Computed in float64 and stored in the weight's dtype.
    ///
    /// ```swift
    /// let layer = Conv2d.foldingBatchNorm(weight: w, bias: nil, mean: m, variance: v, scale: nil, shift: beta,
    ///                                     epsilon: 1e-3, stride: [1, 1], padding: [1, 1])
    /// ```
    public static func foldingBatchNorm(weight: Tensor, bias: Tensor?, mean: Tensor, variance: Tensor, scale: Tensor?,
                                        shift: Tensor?, epsilon: Double, stride: [Int], padding: [Int]) -> Conv2d {
        let channels = weight.shape[0]
        for (name, tensor) in [("mean", mean), ("variance", variance), ("scale", scale), ("shift", shift), ("bias", bias)] {
            precondition(tensor.map { $0.shape == [channels] } ?? true,
                         "foldingBatchNorm: \(name) must be [\(channels)], got \(tensor!.shape)")
        }
        let means = mean.doubles, variances = variance.doubles
        let scales = scale?.doubles ?? Array(repeating: 1, count: channels)
        let shifts = shift?.doubles ?? Array(repeating: 0, count: channels)
        let biases = bias?.doubles ?? Array(repeating: 0, count: channels)
        let factors = (0..<channels).map { scales[$0] / (variances[$0] + epsilon).squareRoot() }
        let perChannel = weight.count / Swift.max(channels, 1)
        var weights = weight.doubles
        for index in weights.indices { weights[index] *= factors[index / perChannel] }
        let foldedBias = (0..<channels).map { (biases[$0] - means[$0]) * factors[$0] + shifts[$0] }
        return Conv2d(weight: Tensor(shape: weight.shape, scalars: weights).converted(to: weight.dtype),
                      bias: Tensor(shape: [channels], scalars: foldedBias).converted(to: weight.dtype),
                      stride: stride, padding: padding)
    }
}
