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

    /// `||v_theta(x_t, t) - dx_t||^2` on the rows where `rows` (`[B, 1, ...]`, 0 or 1) is 1, reduced over those rows
    /// only (the mean is 0 when there are none); the other rows contribute nothing.
    public func callAsFunction(predicted: Tensor, target: Tensor, rows: Tensor) -> Tensor {
        precondition(predicted.shape == target.shape, "VelocityLoss: predicted \(predicted.shape) vs target \(target.shape)")
        let squared = Tensor.meanSquaredError(predicted, target, reduction: .none) * rows
        switch reduction {
        case .none: return squared
        case .sum: return squared.sum()
        case .mean:
            let kept = Double(rows.floats.reduce(0, +)), perRow = Double(predicted.count / predicted.shape[0])
            return squared.sum() / Swift.max(1, kept * perRow)
        }
    }
}
