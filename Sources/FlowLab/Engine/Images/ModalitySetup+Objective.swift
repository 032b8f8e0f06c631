import FlowData
import FlowMatching
import FlowModels
import FlowTensor

extension ModalitySetup {
    /// The flow-matching objective of one fresh training batch: `λ ‖v_θ(x_t, t | c) − (x₁ − x₀)‖²` for the image,
    /// with the caption condition c dropped to the null caption with probability `train.condition_dropout` (CFG).
    /// With a frozen text encoder, c is read from its per-caption cache (each distinct caption is encoded once).
    ///
    /// When the caption is generated too (CrossFlows), both modalities share t: the caption's state `c_t` is drawn
    /// on its mixture path from the cross-guidance source (a row starts from its own caption with the source's
    /// probability), the image flow reads `c_t` (dropped to the null caption with `train.condition_dropout`), the
    /// caption flow reads `x_t`, and the loss is `w_image · MSE + w_caption · (generalized KL | cross-entropy)`.
    ///
    /// With the `cross_guidance` source on the image, a row's image starts from itself with its probability (x₀ = x₁,
    /// so x_t is the clean image at every t) and is left out of the image loss: the caption flow learns to caption
    /// clean images, as `image_to_text` samples.
    ///
    /// With a `repa` alignment term (before its `until_step`), `weight · L_repa` is added and logged as `loss_repa`
    /// (``RepresentationAlignment``); with a `haste_attention` term, `weight · L_attn` as `loss_haste`
    /// (``AttentionAlignment``). From its `until_step` on a term is neither computed nor added, and logged as 0.
    ///
    /// Returns the weighted total and each modality's unweighted term, `loss_<modality>`.
    func loss(_ state: ModalityTrainingState) throws -> (loss: Tensor, terms: [(String, Double)]) {
        let batch = try state.loader.next()
        let count = batch.indices.count
        let x1 = batch.imageTensor()
        let t = timeSampler.sampleTensor(count, generator: &state.noiseGenerator)
        var x0 = GaussianSource().sample(x1.shape, generator: &state.noiseGenerator)
        var imageLossRows: Tensor?
        if image.ownSourceProbability > 0 {
            let own: [Float] = state.noiseGenerator.uniform(count).map { $0 < image.ownSourceProbability ? 1 : 0 }
            let ownRows = Tensor(shape: [count] + Array(repeating: 1, count: x1.shape.count - 1), scalars: own)
            x0 = x0 * (1 - ownRows) + x1 * ownRows
            imageLossRows = 1 - ownRows
        }
        let pathSample = image.path.sample(x0: x0, x1: x1, t: t)
        var flowState = ModalityBatch()
        flowState[image.name] = .continuous(pathSample.xt)
        if let caption, let generated = generatedCaption {
            let length = data.captionLength
            let c1 = DiscreteState(tokens: batch.tokens(data.tokenizer, length: length), shape: [count, length])
            let c0 = CrossGuidanceSource(base: generated.tokenSource(vocabularySize: data.tokenizer.vocabularySize),
                                         promptProbability: generated.source.promptProbability)
                .sample(captions: c1, generator: &state.noiseGenerator)
            let ct = generated.path.sample(x0: c0, x1: c1, t: t, generator: &state.noiseGenerator).xt
            flowState[caption] = .discrete(ct)
            flowState.dropped[caption] = ConditionDropout(probability: spec.train.conditionDropout ?? 0)
                .sample(batchSize: count, generator: &state.noiseGenerator)
            let prediction = state.network.predict(flowState, t: t)
            let velocity = prediction.velocities[image.name]!
            let imageLoss = imageLossRows.map { VelocityLoss()(predicted: velocity, target: pathSample.dxt, rows: $0) }
                ?? VelocityLoss()(predicted: velocity, target: pathSample.dxt)
            let captionLoss = generated.tokenLoss(logits: prediction.logits[caption]!, x1: c1, xt: ct, t: t)
            let combined = MultimodalLoss(continuousWeight: image.weight, discreteWeight: generated.weight)(
                continuous: imageLoss, discrete: captionLoss)
            var terms = [("loss_\(image.name)", combined.continuous), ("loss_\(caption)", combined.discrete)]
            var total = combined.total
            if let alignment {
                let aligned = try alignmentTerms(alignment, state: state, prediction: prediction, x1: x1)
                total = aligned.terms.reduce(total) { $0 + $1 }
                terms += aligned.logged
            }
            return (total, terms)
        }
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

    /// The weighted alignment terms that apply at the state's step and the logged values of every term (`loss_repa`,
    /// `loss_haste`; 0 once switched off, so every series keeps one value per logged step). The teacher runs once on
    /// the clean images `x1`, without gradient.
    private func alignmentTerms(_ alignment: AlignmentTerms, state: ModalityTrainingState, prediction: FlowPrediction,
                                x1: Tensor) throws -> (terms: [Tensor], logged: [(String, Double)]) {
        let representation = alignment.representation.flatMap { $0.isActive(step: state.step) ? $0 : nil }
        let attention = alignment.attention.flatMap { $0.isActive(step: state.step) ? $0 : nil }
        var terms: [Tensor] = []
        var logged: [(String, Double)] = []
        if representation != nil || attention != nil {
            guard let teacher = state.teacher else {
                throw ExperimentError("alignment terms: \(alignment.teacher.description) was not loaded")
            }
            let target = withNoGradient { teacher.patchFeatures(x1, attentionBlocks: attention?.teacherBlocks ?? []) }
            if let representation {
                guard let projector = (state.network.module as? CrossFlowsModel)?.imageModel.projectors.first else {
                    throw ExperimentError("alignment term 'repa': the model has no projector")
                }
                let repa = RepresentationAlignment.loss(hidden: prediction.features["block.\(representation.options.layer)"]!,
                                                        projector: projector, teacher: target.features)
                terms.append(repa * representation.options.weight)
                logged.append(("loss_repa", repa.item))
            }
            if let attention {
                let student = Dictionary(uniqueKeysWithValues: attention.studentBlocks.map { block in
                    (block, prediction.attention["block.\(block)"]!)
                })
                let haste = attention.loss(teacher: target.attention, student: student)
                terms.append(haste * attention.options.weight)
                logged.append(("loss_haste", haste.item))
                logged.append(("haste_teacher_entropy",
                               attention.teacherEntropy(teacher: target.attention, studentHeads: student.first!.value.shape[1])))
            }
        }
        if alignment.representation != nil && representation == nil { logged.append(("loss_repa", 0)) }
        if alignment.attention != nil && attention == nil { logged += [("loss_haste", 0), ("haste_teacher_entropy", 0)] }
        return (terms, logged)
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
