import FlowTensor

/// The continuous flow-matching loss: the mean squared error between predicted and conditional velocity.
public struct VelocityLoss: Sendable {
    /// How the squared errors are reduced.
    public let reduction: LossReduction

    /// A velocity loss with the given reduction (mean by default).
    public init(reduction: LossReduction = .mean) { self.reduction = reduction }

    /// `||v_theta(x_t, t) - dx_t||^2`, reduced.
    public func callAsFunction(predicted: Tensor, target: Tensor) -> Tensor {
        precondition(predicted.shape == target.shape, "VelocityLoss: predicted \(predicted.shape) vs target \(target.shape)")
        return Tensor.meanSquaredError(predicted, target, reduction: reduction)
    }
}
