import FlowTensor

/// The plain discrete loss: cross-entropy of the predicted posterior `p_{1|t}` against the data tokens `x_1`.
public struct PosteriorCrossEntropyLoss: Sendable {
    /// How the per-token losses are reduced.
    public let reduction: LossReduction

    /// A cross-entropy loss with the given reduction (mean over tokens by default).
    public init(reduction: LossReduction = .mean) { self.reduction = reduction }

    /// `-log softmax(logits)[x_1]` per token, reduced; `logits` is `[..., V]` with one row per token of `x1`.
    public func callAsFunction(logits: Tensor, x1: DiscreteState) -> Tensor {
        Tensor.crossEntropy(logits: logits, targets: x1.tokens, reduction: reduction)
    }
}
