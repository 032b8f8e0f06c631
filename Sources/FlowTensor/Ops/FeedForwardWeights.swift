/// The parameters of a feed-forward block, as `Tensor.feedForward` takes them.
struct FeedForwardWeights {
    let hidden: Tensor, hiddenBias: Tensor?
    let output: Tensor, outputBias: Tensor?
}
