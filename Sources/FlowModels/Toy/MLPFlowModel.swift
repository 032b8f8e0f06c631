import FlowNN
import FlowTensor

/// A small joint flow on low-dimensional points and a few tokens (CrossFlows' toy experiments).
///
/// Two MLPs, each seeing both current states, as in CrossFlows Algorithm 1:
/// - the velocity network `u₁(x_t, c_t, t)`: `[x_t, time features, token embeddings] → velocity`;
/// - the posterior network `u₂(c_t, x_t, t)` (only when the tokens are generated): the same inputs
///   through its own embeddings and trunk → logits over the token vocabulary.
///
/// Token id `nullToken` (one past the vocabulary) stands for "no condition": the velocity network sees it
/// where a condition is dropped, which is what classifier-free guidance needs.
///
/// ```swift
/// let model = MLPFlowModel(configuration: .init(pointDimension: 2, tokensPerRow: 1, tokenVocabulary: 199,
///                                               generatesTokens: true), generator: &generator)
/// let v = model.velocity(points: xt, tokens: [3, 150], t: t)   // [2, 2]
/// ```
public final class MLPFlowModel: Module {
    /// The model's sizes.
    public struct Configuration: Sendable, Equatable {
        /// Dimension of the continuous state.
        public var pointDimension: Int
        /// Tokens per row of the discrete state (or of the condition).
        public var tokensPerRow: Int
        /// Token ids the inputs can hold (data tokens plus a mask token when the source is a mask).
        public var tokenVocabulary: Int
        /// Classes the posterior network predicts (the data tokens); ignored without a posterior network.
        public var outputVocabulary: Int
        /// Whether the tokens are generated (a posterior network exists) or only condition the velocity.
        public var generatesTokens: Bool
        /// Width of the hidden layers.
        public var hiddenWidth: Int
        /// Number of hidden layers in each network.
        public var depth: Int
        /// Sinusoidal time features.
        public var timeFeatures: Int
        /// Width of each token embedding.
        public var tokenFeatures: Int
        /// Times are multiplied by this before the sinusoidal features (t in [0, 1] needs high frequencies).
        public var timeScale: Double
        /// Fourier features of each point coordinate: `sin(fₖ x), cos(fₖ x)` with `fₖ = 0.5 · 2ᵏ`, k < this.
        /// They let a small MLP resolve fine structure such as the grid cells of a label (0 for none).
        public var pointFrequencies: Int

        public init(pointDimension: Int, tokensPerRow: Int, tokenVocabulary: Int, outputVocabulary: Int? = nil,
                    generatesTokens: Bool, hiddenWidth: Int = 256, depth: Int = 3, timeFeatures: Int = 64,
                    tokenFeatures: Int = 64, timeScale: Double = 1_000, pointFrequencies: Int = 0) {
            self.pointDimension = pointDimension
            self.tokensPerRow = tokensPerRow
            self.tokenVocabulary = tokenVocabulary
            self.outputVocabulary = outputVocabulary ?? tokenVocabulary
            self.generatesTokens = generatesTokens
            self.hiddenWidth = hiddenWidth
            self.depth = depth
            self.timeFeatures = timeFeatures
            self.tokenFeatures = tokenFeatures
            self.timeScale = timeScale
            self.pointFrequencies = pointFrequencies
        }

        /// Width of the point features: the coordinates and their Fourier features.
        var pointFeatureWidth: Int { pointDimension * (1 + 2 * pointFrequencies) }
    }

    /// The sizes this model was built with.
    public let configuration: Configuration
    let velocityEmbedding: Embedding
    let velocityNetwork: Sequential
    let posteriorEmbedding: Embedding?
    let posteriorNetwork: Sequential?

    /// A freshly initialised model (PyTorch default initialisation, drawn from `generator`).
    public init(configuration: Configuration, generator: inout RandomGenerator) {
        self.configuration = configuration
        let inputWidth = configuration.pointFeatureWidth + configuration.timeFeatures
            + configuration.tokensPerRow * configuration.tokenFeatures
        velocityEmbedding = Embedding(count: configuration.tokenVocabulary + 1, width: configuration.tokenFeatures,
                                      generator: &generator)
        velocityNetwork = makeMLPStack(inputWidth: inputWidth, hiddenWidth: configuration.hiddenWidth,
                                       depth: configuration.depth, outputWidth: configuration.pointDimension,
                                       generator: &generator)
        if configuration.generatesTokens {
            posteriorEmbedding = Embedding(count: configuration.tokenVocabulary, width: configuration.tokenFeatures,
                                           generator: &generator)
            posteriorNetwork = makeMLPStack(inputWidth: inputWidth, hiddenWidth: configuration.hiddenWidth,
                                            depth: configuration.depth,
                                            outputWidth: configuration.tokensPerRow * configuration.outputVocabulary,
                                            generator: &generator)
        } else {
            posteriorEmbedding = nil
            posteriorNetwork = nil
        }
    }

    /// The token id that means "condition dropped".
    public var nullToken: Int { configuration.tokenVocabulary }

    private func inputs(points: Tensor, tokens: [Int], t: Tensor, embedding: Embedding) -> Tensor {
        let batch = points.shape[0]
        precondition(tokens.count == batch * configuration.tokensPerRow,
                     "MLPFlowModel: \(tokens.count) tokens for a batch of \(batch) x \(configuration.tokensPerRow)")
        let time = SinusoidalTimeEmbedding.features(t * configuration.timeScale, dimension: configuration.timeFeatures)
        let embedded = embedding(tokens, shape: [batch, configuration.tokensPerRow])
            .reshaped([batch, configuration.tokensPerRow * configuration.tokenFeatures])
        return Tensor.concatenate([pointFeatures(points), time, embedded], axis: 1)
    }

    /// The coordinates followed by `sin(fₖ x), cos(fₖ x)` for every coordinate and frequency.
    private func pointFeatures(_ points: Tensor) -> Tensor {
        let frequencyCount = configuration.pointFrequencies
        guard frequencyCount > 0 else { return points }
        let frequencies = (0..<frequencyCount).map { 0.5 * Double(1 << $0) }
        let batch = points.shape[0]
        let angles = (points.reshaped([batch, configuration.pointDimension, 1])
            * Tensor(shape: [1, 1, frequencyCount], scalars: frequencies).converted(to: points.dtype))
            .reshaped([batch, configuration.pointDimension * frequencyCount])
        return Tensor.concatenate([points, angles.sin(), angles.cos()], axis: 1)
    }

    /// The velocity `u₁(x_t, c_t, t)`: points `[B, d]`, tokens `B · tokensPerRow` (`nullToken` allowed), t `[B]`.
    public func velocity(points: Tensor, tokens: [Int], t: Tensor) -> Tensor {
        velocityNetwork(inputs(points: points, tokens: tokens, t: t, embedding: velocityEmbedding))
    }

    /// The posterior logits `u₂(c_t, x_t, t)`, `[B, tokensPerRow, outputVocabulary]`.
    public func logits(points: Tensor, tokens: [Int], t: Tensor) -> Tensor {
        guard let posteriorNetwork, let posteriorEmbedding else {
            preconditionFailure("MLPFlowModel: built without a posterior network (generatesTokens is false)")
        }
        let batch = points.shape[0]
        return posteriorNetwork(inputs(points: points, tokens: tokens, t: t, embedding: posteriorEmbedding))
            .reshaped([batch, configuration.tokensPerRow, configuration.outputVocabulary])
    }
}
