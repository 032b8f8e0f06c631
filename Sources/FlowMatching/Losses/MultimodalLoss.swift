import FlowTensor

/// The multimodal flow-matching loss `lambda_1 D_1 + lambda_2 D_2` (CrossFlows eq. 3.1, weighted).
public struct MultimodalLoss: Sendable {
    /// `lambda_1`, the weight of the continuous term.
    public let continuousWeight: Double
    /// `lambda_2`, the weight of the discrete term.
    public let discreteWeight: Double

    /// A weighted sum of a continuous and a discrete loss.
    public init(continuousWeight: Double = 1, discreteWeight: Double = 1) {
        self.continuousWeight = continuousWeight
        self.discreteWeight = discreteWeight
    }

    /// Combines the two scalar losses; the unweighted terms are reported separately.
    public func callAsFunction(continuous: Tensor, discrete: Tensor) -> MultimodalLossValue {
        MultimodalLossValue(total: continuous * continuousWeight + discrete * discreteWeight,
                            continuous: continuous.detached().item, discrete: discrete.detached().item)
    }
}

/// The value of a multimodal loss: the differentiable total and each unweighted term.
public struct MultimodalLossValue: Sendable {
    /// `lambda_1 D_1 + lambda_2 D_2`, to back-propagate.
    public let total: Tensor
    /// `D_1`, the continuous term's value.
    public let continuous: Double
    /// `D_2`, the discrete term's value.
    public let discrete: Double
}
