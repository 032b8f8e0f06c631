import FlowMatching
import FlowTensor

extension FlowSetup {
    /// The point-and-label objective: the weighted loss of one fresh batch and its terms, named `loss_<modality>`.
    ///
    /// The joint CrossFlows loss `λ₁ ‖v - u₁‖² + λ₂ D(c₁, u₂)` when the label is generated, or the velocity loss
    /// of a label-conditioned flow, with condition dropout for CFG.
    func loss(_ state: TrainingState) -> (loss: Tensor, terms: [(String, Double)]) {
        let batchSize = spec.train.batchSize
        let (points, labels) = dataset.sample(batchSize, generator: &state.dataGenerator)
        let x1 = Tensor(shape: [batchSize, dataset.pointDimension], scalars: points)
        let t = timeSampler.sampleTensor(batchSize, generator: &state.noiseGenerator)
        let x0 = GaussianSource().sample(x1.shape, generator: &state.noiseGenerator)
        let pathSample = continuous.path.sample(x0: x0, x1: x1, t: t)
        let dropout = ConditionDropout(probability: spec.train.conditionDropout ?? 0)
        let dropped = dropout.sample(batchSize: batchSize, generator: &state.noiseGenerator)
        let null = state.model.nullToken

        guard let discrete = discrete else {
            // The conventional conditional flow: the label conditions the velocity, dropped to `null` for CFG.
            let tokens = zip(labels, dropped).map { $1 ? null : $0 }
            let velocity = state.model.velocity(points: pathSample.xt, tokens: tokens, t: t)
            let velocityLoss = VelocityLoss()(predicted: velocity, target: pathSample.dxt)
            return (velocityLoss * continuous.weight, [("loss_\(continuous.name)", velocityLoss.item)])
        }

        let c1 = DiscreteState(tokens: labels, shape: [batchSize, 1])
        let tokenSource = discrete.source.discreteSource(vocabularySize: dataset.labelCount)
        let c0 = CrossGuidanceSource(base: tokenSource, promptProbability: discrete.source.promptProbability)
            .sample(captions: c1, generator: &state.noiseGenerator)
        let ct = discrete.path.sample(x0: c0, x1: c1, t: t, generator: &state.noiseGenerator).xt
        // Each network sees both current states; the velocity network sees `null` where the condition is dropped.
        let velocityTokens = zip(ct.tokens, dropped).map { $1 ? null : $0 }
        let velocity = state.model.velocity(points: pathSample.xt, tokens: velocityTokens, t: t)
        let logits = state.model.logits(points: pathSample.xt, tokens: ct.tokens, t: t)
        let velocityLoss = VelocityLoss()(predicted: velocity, target: pathSample.dxt)
        let tokenLoss = discrete.tokenLoss(logits: logits, x1: c1, xt: ct, t: t)
        let combined = MultimodalLoss(continuousWeight: continuous.weight, discreteWeight: discrete.weight)(
            continuous: velocityLoss, discrete: tokenLoss)
        return (combined.total, [("loss_\(continuous.name)", combined.continuous),
                                 ("loss_\(discrete.name)", combined.discrete)])
    }
}
