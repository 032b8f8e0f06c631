/// A modality's training loss.
public enum LossChoice: String, Sendable {
    /// Mean squared error between predicted and target velocity.
    case meanSquaredError = "mse"
    /// Cross-entropy of the posterior against x₁.
    case crossEntropy = "cross_entropy"
    /// The mixture path's generalized KL (flow_matching's `MixturePathGeneralizedKL`).
    case generalizedKL = "generalized_kl"
}
