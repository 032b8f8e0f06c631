import FlowTensor
import Foundation

/// An upper bound on the perplexity of data tokens under a discrete flow (the ELBO of discrete flow matching,
/// as in flow_matching's text example and CrossFlows App. A.3).
///
/// Times are stratified in kappa: `kappa_k = ((k / n + U) mod 1) (1 - epsilon)`, one U per row. At each,
/// `x_t` is drawn on the linear mixture path at kappa (so the integral is taken in kappa, with weight
/// `1 / (1 - kappa)`), the model sees `t = kappa_inverse(kappa)` of its own schedule, and the generalized KL is
/// summed over tokens. `PPL <= exp(sum GKL / (n * tokens))`.
public struct DiscretePerplexityBound: Sendable {
    /// The path the model was trained on (its `kappa_inverse` maps kappa to the model's time).
    public let path: MixtureDiscreteProbabilityPath
    /// The number n of stratified times per row.
    public let timeCount: Int
    /// Keeps kappa below 1, where the generalized KL diverges (1e-3).
    public let epsilon: Double
    /// The element type of times handed to the model and of the loss computation.
    public let dtype: DType

    /// A bound estimator with `timeCount` stratified times.
    public init(path: MixtureDiscreteProbabilityPath, timeCount: Int = 32, epsilon: Double = 1e-3, dtype: DType = .float32) {
        precondition(timeCount > 0, "DiscretePerplexityBound: timeCount must be positive")
        self.path = path
        self.timeCount = timeCount
        self.epsilon = epsilon
        self.dtype = dtype
    }

    /// The bound for data `x1` `[B, L]`, with source draws from `source` and the posterior `model`.
    public func evaluate(x1: DiscreteState, source: any DiscreteSource, model: DiscretePosteriorModel,
                         generator: inout RandomGenerator) -> PerplexityBound {
        let linear = MixtureDiscreteProbabilityPath(scheduler: CondOTScheduler())
        let loss = MixturePathGeneralizedKL(path: linear, reduction: .sum)
        let offsets = generator.uniform(x1.batchSize)
        var total = 0.0
        withNoGradient {
            for k in 0..<timeCount {
                let kappas = offsets.map { (Double(k) / Double(timeCount) + $0).truncatingRemainder(dividingBy: 1) * (1 - epsilon) }
                let kappaTensor = Tensor(shape: [x1.batchSize], scalars: kappas).converted(to: dtype)
                let x0 = source.sample(shape: x1.shape, generator: &generator)
                let sample = linear.sample(x0: x0, x1: x1, t: kappaTensor, generator: &generator)
                let modelTimes = path.scheduler.kappaInverse(kappaTensor)
                let logits = model(sample.xt, modelTimes)
                total += loss(logits: logits, x1: x1, xt: sample.xt, t: kappaTensor).item
            }
        }
        let perToken = total / Double(timeCount * x1.tokens.count)
        return PerplexityBound(negativeLogLikelihoodPerToken: perToken, perplexity: exp(perToken))
    }
}

/// The result of `DiscretePerplexityBound.evaluate`.
public struct PerplexityBound: Equatable, Sendable {
    /// The bound on `-log p(x_1)` per token (nats).
    public let negativeLogLikelihoodPerToken: Double
    /// `exp` of that: an upper bound on the perplexity.
    public let perplexity: Double
}
