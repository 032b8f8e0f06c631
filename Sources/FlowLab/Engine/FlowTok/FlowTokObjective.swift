import FlowMatching
import FlowModels
import FlowTensor

/// FlowTok's text-to-image objective on one batch (see ``FlowTokOptions``): flow matching from projected text
/// tokens to image tokens with the CFG indicator, plus the projector's KL and the text-alignment loss.
public struct FlowTokObjective {
    /// Weight of the projector's KL term.
    public let klWeight: Double
    /// Weight of the text-alignment loss.
    public let alignmentWeight: Double
    /// The KL form (reference or Gaussian).
    public let kl: LatentKL
    /// The CFG indicator's flag probability.
    public let cfgProbability: Double
    /// `1 − σ_min` of FlowTok's path (σ_min = 1e-5).
    public static let pathScale = 1 - 1e-5

    /// The objective with these weights.
    public init(klWeight: Double, alignmentWeight: Double, kl: LatentKL, cfgProbability: Double) {
        self.klWeight = klWeight
        self.alignmentWeight = alignmentWeight
        self.kl = kl
        self.cfgProbability = cfgProbability
    }

    /// The objective of a `flowtok` model's options.
    init(options: FlowTokOptions) {
        self.init(klWeight: options.klWeight, alignmentWeight: options.alignmentWeight, kl: options.kl,
                  cfgProbability: options.cfgProbability)
    }

    /// The weighted loss and its terms (`loss_flow`, `loss_kl`, `loss_align`) for text states `features`
    /// (`[B, L, 384]`) and image tokens (`[B, L, d]`, constant), drawing the step's randomness from `generator`.
    func loss(model: FlowTokFlowModel, features: Tensor, imageTokens: Tensor, generator: inout RandomGenerator)
        -> (loss: Tensor, terms: [(String, Double)]) {
        let draws = FlowTokDraws.draw(batch: features.shape[0], tokens: imageTokens.shape[1], channels: imageTokens.shape[2],
                                      cfgProbability: cfgProbability, generator: &generator)
        return loss(model: model, features: features, imageTokens: imageTokens, draws: draws)
    }

    /// The weighted loss and its terms on given draws: `z_T = μ + exp(logvar / 2) ε` from the projector,
    /// `MSE(dit(x_t, t, null), z_I − (1 − 1e-5) z_T) + kl_weight · KL + alignment_weight · L_align(z_T, features)`
    /// with each row's target shifted by the CFG-indicator assignment.
    public func loss(model: FlowTokFlowModel, features: Tensor, imageTokens: Tensor, draws: FlowTokDraws)
        -> (loss: Tensor, terms: [(String, Double)]) {
        let posterior = model.projector(features)
        let textTokens = posterior.sample(noise: draws.textNoise)
        let targets = Self.rows(imageTokens, draws.assignment.targetRows)
        let flow = Self.flowMatching(model.dit, source: textTokens, target: targets, isNull: draws.assignment.isNull, t: draws.t)
        let divergence = kl(posterior)
        let alignment = model.alignment(textTokens, features: features)
        let total = flow + divergence * klWeight + alignment * alignmentWeight
        return (total, [("loss_flow", flow.item), ("loss_kl", divergence.item), ("loss_align", alignment.item)])
    }

    /// FlowTok's flow-matching loss from `source` to `target` tokens (both `[B, L, d]`) for either direction, with
    /// `t ~ logit-normal(0, 1)` drawn from `generator` (see ``flowMatching(_:source:target:isNull:t:)``).
    static func flowMatching(_ dit: FlowTokDiT, source: Tensor, target: Tensor, isNull: [Bool],
                             generator: inout RandomGenerator) -> Tensor {
        flowMatching(dit, source: source, target: target, isNull: isNull, t: times(source.shape[0], generator: &generator))
    }

    /// FlowTok's flow-matching loss at times `t` (`[B]`): `x_t = (1 − (1 − 1e-5) t) source + t target`, the MSE of
    /// `dit(x_t, t)` against the velocity `target − (1 − 1e-5) source`, with each row's CFG indicator `isNull`.
    public static func flowMatching(_ dit: FlowTokDiT, source: Tensor, target: Tensor, isNull: [Bool], t: Tensor) -> Tensor {
        let times = t.reshaped([source.shape[0], 1, 1])
        let xt = (1 - times * pathScale) * source + times * target
        let velocity = target - source * pathScale
        return Tensor.meanSquaredError(dit(xt, t: t, isNull: isNull), velocity)
    }

    /// `count` flow times from logit-normal(0, 1).
    static func times(_ count: Int, generator: inout RandomGenerator) -> Tensor {
        TimeSampler.logitNormal(mean: 0, standardDeviation: 1).sampleTensor(count, generator: &generator)
    }

    /// The rows `indices` of a constant tensor `[B, ...]`.
    static func rows(_ x: Tensor, _ indices: [Int]) -> Tensor {
        let stride = x.count / x.shape[0]
        let values = x.floats
        var gathered: [Float] = []
        gathered.reserveCapacity(values.count)
        for index in indices { gathered += values[(index * stride)..<((index + 1) * stride)] }
        return Tensor(shape: x.shape, scalars: gathered)
    }
}
