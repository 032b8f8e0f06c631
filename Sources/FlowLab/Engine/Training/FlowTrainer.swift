import FlowMatching
import FlowNN
import FlowTensor
import Foundation

/// Trains one model, whatever its modalities: AdamW steps on the objective's loss of fresh batches, with the
/// spec's learning-rate schedule, gradient clipping, weight average, logging, checkpoints and stop requests.
///
/// A non-finite loss term or gradient stops training before it reaches the parameters (`TrainingDivergedError`).
struct FlowTrainer {
    /// The training settings (steps, batch size, schedule, clipping, logging and checkpoint intervals).
    let settings: TrainSpec
    /// The weighted loss of one fresh batch and its named terms (`loss_<modality>`, alignment terms).
    let objective: (_ state: any TrainableState) throws -> (loss: Tensor, terms: [(String, Double)])
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

    /// The parameters clipped together: all of them, or with `eachFlow` one group per top-level part of the model
    /// (a `crossflows` model's `image_model.*` and `caption_model.*`), in name order.
    static func clippingGroups(_ parameters: [(name: String, tensor: Tensor)], eachFlow: Bool) -> [[Tensor]] {
        guard eachFlow else { return [parameters.map(\.tensor)] }
        return Dictionary(grouping: parameters) { $0.name.prefix { $0 != "." } }
            .sorted { $0.key < $1.key }.map { $0.value.map(\.tensor) }
    }

    /// Clips each group's gradient norm to `maxNorm` on its own; returns the norm of all gradients before clipping.
    static func clip(_ groups: [[Tensor]], maxNorm: Double) -> Double {
        groups.map { clipGradientNorm($0, maxNorm: maxNorm) }.reduce(0) { $0 + $1 * $1 }.squareRoot()
    }

    /// Trains until `train.steps` or a stop request; returns false when stopped early.
    func train(_ state: any TrainableState) throws -> Bool {
        let train = settings
        let schedule = FlowTrainer.schedule(train)
        let logEvery = train.logEvery ?? Swift.max(1, train.steps / 100)
        let groups = FlowTrainer.clippingGroups(state.module.trainableParameters(), eachFlow: train.clipsEachFlow)
        progress.start(label: state.key, totalSteps: train.steps, samplesPerStep: train.batchSize, firstStep: state.step)
        var lastLog = (time: DispatchTime.now().uptimeNanoseconds, step: state.step)
        while state.step < train.steps {
            if stop?.stopRequested == true {
                try checkpoint()
                return false
            }
            state.optimizer.learningRate = schedule.learningRate(at: state.step)
            let (loss, terms) = try objective(state)
            // Stop at the first non-finite value, before it reaches the parameters: the last checkpoint stays good.
            for (name, value) in [("loss", loss.item)] + terms where !value.isFinite {
                throw TrainingDivergedError(model: state.key, step: state.step + 1, term: name, value: value,
                                            learningRate: state.optimizer.learningRate)
            }
            loss.backward()
            let gradientNorm = FlowTrainer.clip(groups, maxNorm: train.gradientClip ?? .infinity)
            guard gradientNorm.isFinite else {
                throw TrainingDivergedError(model: state.key, step: state.step + 1, term: "gradient_norm", value: gradientNorm,
                                            learningRate: state.optimizer.learningRate)
            }
            state.optimizer.step()
            state.optimizer.zeroGradients()
            state.average?.update(from: state.module)
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
}
