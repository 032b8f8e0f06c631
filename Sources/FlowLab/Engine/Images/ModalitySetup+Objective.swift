import FlowData
import FlowMatching
import FlowTensor

extension ModalitySetup {
    /// The flow-matching objective of one fresh training batch: `λ ‖v_θ(x_t, t | c) − (x₁ − x₀)‖²` for the image,
    /// with the caption condition c dropped to the null caption with probability `train.condition_dropout` (CFG).
    /// With a frozen text encoder, c is read from its per-caption cache (each distinct caption is encoded once).
    ///
    /// Returns the weighted total and each modality's unweighted term, `loss_<modality>`.
    func loss(_ state: ModalityTrainingState) throws -> (loss: Tensor, terms: [(String, Double)]) {
        let batch = try state.loader.next()
        let count = batch.indices.count
        let x1 = batch.imageTensor()
        let t = timeSampler.sampleTensor(count, generator: &state.noiseGenerator)
        let x0 = GaussianSource().sample(x1.shape, generator: &state.noiseGenerator)
        let pathSample = image.path.sample(x0: x0, x1: x1, t: t)
        var flowState = ModalityBatch()
        flowState[image.name] = .continuous(pathSample.xt)
        if let caption {
            let dropped = ConditionDropout(probability: spec.train.conditionDropout ?? 0)
                .sample(batchSize: count, generator: &state.noiseGenerator)
            let tokens = try captionTokens(batch.captions)
            let null = state.network.nullCondition(caption, count: count)
            flowState[caption] = .discrete(ModalitySetup.dropping(tokens, rows: dropped, null: null, length: data.captionLength))
        }
        let prediction = state.network.predict(flowState, t: t)
        let imageLoss = VelocityLoss()(predicted: prediction.velocities[image.name]!, target: pathSample.dxt)
        return (imageLoss * image.weight, [("loss_\(image.name)", imageLoss.item)])
    }

    /// `tokens` (`[B, length]`, row-major) with every row where `rows` is true replaced by the null caption's row.
    static func dropping(_ tokens: [Int], rows: [Bool], null: ModalityValue, length: Int) -> DiscreteState {
        guard case .discrete(let nullState) = null else { preconditionFailure("a caption's null condition is tokens") }
        var result = tokens
        for (row, drop) in rows.enumerated() where drop {
            result.replaceSubrange((row * length)..<((row + 1) * length), with: nullState.tokens[(row * length)..<((row + 1) * length)])
        }
        return DiscreteState(tokens: result, shape: [rows.count, length])
    }
}
