import FlowMatching
import FlowNN
import FlowTensor
import Foundation

/// Trains one model of a `FlowSetup`: the joint CrossFlows loss `λ₁ ‖v - u₁‖² + λ₂ D(c₁, u₂)` when the
/// label is generated, or the velocity loss of a label-conditioned flow, with condition dropout for CFG.
struct FlowTrainer {
    let setup: FlowSetup
    /// Called every `log_every` steps with the step's scalar series (loss terms, learning rate, ...).
    let record: (_ step: Int, _ values: [(String, Double)]) throws -> Void
    /// Called every `checkpoint_every` steps and when stopped early.
    let checkpoint: () throws -> Void
    let progress: ProgressReporter
    let stop: StopSignal?

    /// The learning rate at a step, from the spec's schedule.
    static func schedule(_ train: TrainSpec) -> any LearningRateSchedule {
        let peak = train.optimizer.learningRate
        switch train.schedule.name {
        case .constant: return ConstantSchedule(peak)
        case .linearWarmup: return LinearWarmupSchedule(peak: peak, warmupSteps: train.schedule.warmupSteps)
        case .cosine: return CosineSchedule(peak: peak, totalSteps: train.steps, warmupSteps: train.schedule.warmupSteps)
        }
    }

    /// Trains until `train.steps` or a stop request; returns false when stopped early.
    func train(_ state: TrainingState) throws -> Bool {
        let train = setup.spec.train
        let schedule = FlowTrainer.schedule(train)
        let logEvery = train.logEvery ?? Swift.max(1, train.steps / 100)
        let parameters = state.model.trainableParameters().map(\.tensor)
        progress.start(label: state.key, totalSteps: train.steps, samplesPerStep: train.batchSize, firstStep: state.step)
        var lastLog = (time: DispatchTime.now().uptimeNanoseconds, step: state.step)
        while state.step < train.steps {
            if stop?.stopRequested == true {
                try checkpoint()
                return false
            }
            state.optimizer.learningRate = schedule.learningRate(at: state.step)
            let (loss, terms) = self.loss(state)
            // Stop at the first non-finite value, before it reaches the parameters: the last checkpoint stays good.
            for (name, value) in [("loss", loss.item)] + terms where !value.isFinite {
                throw TrainingDivergedError(model: state.key, step: state.step + 1, term: name, value: value,
                                            learningRate: state.optimizer.learningRate)
            }
            loss.backward()
            let gradientNorm = clipGradientNorm(parameters, maxNorm: train.gradientClip ?? .infinity)
            guard gradientNorm.isFinite else {
                throw TrainingDivergedError(model: state.key, step: state.step + 1, term: "gradient_norm", value: gradientNorm,
                                            learningRate: state.optimizer.learningRate)
            }
            state.optimizer.step()
            state.optimizer.zeroGradients()
            state.average?.update(from: state.model)
            state.step += 1
            let total = loss.item
            progress.update(label: state.key, step: state.step, loss: total)
            if state.step % logEvery == 0 || state.step == train.steps {
                let now = DispatchTime.now().uptimeNanoseconds
                let seconds = Double(now - lastLog.time) / 1e9
                let throughput = seconds > 0 ? Double((state.step - lastLog.step) * train.batchSize) / seconds : 0
                lastLog = (now, state.step)
                try record(state.step, [("loss", total)] + terms
                           + [("learning_rate", state.optimizer.learningRate), ("gradient_norm", gradientNorm),
                              ("samples_per_second", throughput)])
            }
            if let every = train.checkpointEvery, state.step % every == 0, state.step < train.steps {
                try checkpoint()
            }
        }
        state.completed = true
        progress.finish(label: state.key)
        try checkpoint()
        return true
    }

    /// The weighted loss of one fresh batch and its terms, named `loss_<modality>`.
    func loss(_ state: TrainingState) -> (Tensor, [(String, Double)]) {
        let batchSize = setup.spec.train.batchSize
        let (points, labels) = setup.dataset.sample(batchSize, generator: &state.dataGenerator)
        let x1 = Tensor(shape: [batchSize, setup.dataset.pointDimension], scalars: points)
        let t = setup.timeSampler.sampleTensor(batchSize, generator: &state.noiseGenerator)
        let x0 = GaussianSource().sample(x1.shape, generator: &state.noiseGenerator)
        let pathSample = setup.continuous.path.sample(x0: x0, x1: x1, t: t)
        let dropout = ConditionDropout(probability: setup.spec.train.conditionDropout ?? 0)
        let dropped = dropout.sample(batchSize: batchSize, generator: &state.noiseGenerator)
        let null = state.model.nullToken

        guard let discrete = setup.discrete else {
            // The conventional conditional flow: the label conditions the velocity, dropped to `null` for CFG.
            let tokens = zip(labels, dropped).map { $1 ? null : $0 }
            let velocity = state.model.velocity(points: pathSample.xt, tokens: tokens, t: t)
            let velocityLoss = VelocityLoss()(predicted: velocity, target: pathSample.dxt)
            return (velocityLoss * setup.continuous.weight, [("loss_\(setup.continuous.name)", velocityLoss.item)])
        }

        let c1 = DiscreteState(tokens: labels, shape: [batchSize, 1])
        let tokenSource = discrete.source.discreteSource(vocabularySize: setup.dataset.labelCount)
        let c0 = CrossGuidanceSource(base: tokenSource, promptProbability: discrete.source.promptProbability)
            .sample(captions: c1, generator: &state.noiseGenerator)
        let ct = discrete.path.sample(x0: c0, x1: c1, t: t, generator: &state.noiseGenerator).xt
        // Each network sees both current states; the velocity network sees `null` where the condition is dropped.
        let velocityTokens = zip(ct.tokens, dropped).map { $1 ? null : $0 }
        let velocity = state.model.velocity(points: pathSample.xt, tokens: velocityTokens, t: t)
        let logits = state.model.logits(points: pathSample.xt, tokens: ct.tokens, t: t)
        let velocityLoss = VelocityLoss()(predicted: velocity, target: pathSample.dxt)
        let tokenLoss: Tensor
        switch discrete.loss {
        case .generalizedKL: tokenLoss = MixturePathGeneralizedKL(path: discrete.path)(logits: logits, x1: c1, xt: ct, t: t)
        default: tokenLoss = PosteriorCrossEntropyLoss()(logits: logits, x1: c1)
        }
        let combined = MultimodalLoss(continuousWeight: setup.continuous.weight, discreteWeight: discrete.weight)(
            continuous: velocityLoss, discrete: tokenLoss)
        return (combined.total, [("loss_\(setup.continuous.name)", combined.continuous),
                                 ("loss_\(discrete.name)", combined.discrete)])
    }
}
