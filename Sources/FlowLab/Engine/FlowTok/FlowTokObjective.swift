import FlowMatching
import FlowModels
import FlowTensor

/// FlowTok's text-to-image objective on one batch (see ``FlowTokOptions``): flow matching from projected text
/// tokens to image tokens with the CFG indicator, plus the projector's KL and the text-alignment loss.
struct FlowTokObjective {
    let options: FlowTokOptions
    /// `1 − σ_min` of FlowTok's path (σ_min = 1e-5).
    static let pathScale = 1 - 1e-5

    /// The weighted loss and its terms (`loss_flow`, `loss_kl`, `loss_align`) for text states `features`
    /// (`[B, L, 384]`) and image tokens (`[B, L, d]`, constant).
    func loss(model: FlowTokFlowModel, features: Tensor, imageTokens: Tensor, generator: inout RandomGenerator)
        -> (loss: Tensor, terms: [(String, Double)]) {
        let batch = features.shape[0]
        let posterior = model.projector(features)
        let textTokens = posterior.sample(generator: &generator)
        let assignment = CFGIndicator(probability: options.cfgProbability).sample(batchSize: batch, generator: &generator)
        let targets = Self.rows(imageTokens, assignment.targetRows)
        let flow = Self.flowMatching(model.dit, source: textTokens, target: targets, isNull: assignment.isNull, generator: &generator)
        let divergence = options.kl(posterior)
        let alignment = model.alignment(textTokens, features: features)
        let total = flow + divergence * options.klWeight + alignment * options.alignmentWeight
        return (total, [("loss_flow", flow.item), ("loss_kl", divergence.item), ("loss_align", alignment.item)])
    }

    /// FlowTok's flow-matching loss from `source` to `target` tokens (both `[B, L, d]`) for either direction: with
    /// `t ~ logit-normal(0, 1)`, `x_t = (1 − (1 − 1e-5) t) source + t target`, the MSE of `dit(x_t, t)` against the
    /// velocity `target − (1 − 1e-5) source`, with each row's CFG indicator `isNull`.
    static func flowMatching(_ dit: FlowTokDiT, source: Tensor, target: Tensor, isNull: [Bool],
                             generator: inout RandomGenerator) -> Tensor {
        let batch = source.shape[0]
        let t = TimeSampler.logitNormal(mean: 0, standardDeviation: 1).sampleTensor(batch, generator: &generator)
        let times = t.reshaped([batch, 1, 1])
        let xt = (1 - times * pathScale) * source + times * target
        let velocity = target - source * pathScale
        return Tensor.meanSquaredError(dit(xt, t: t, isNull: isNull), velocity)
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
