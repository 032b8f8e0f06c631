import FlowMatching
import FlowModels
import FlowTensor
import Foundation

/// Samples a trained model as its variant's guidance says: CFG, cross-guidance, frozen prompt or unconditional.
///
/// After a stop request (Ctrl-C) the model is no longer evaluated: the solvers finish their remaining steps on a
/// zero velocity (or the last prediction) within milliseconds, and the caller discards the result.
struct FlowSampler {
    let setup: FlowSetup
    let variant: String
    var stop: StopSignal? = nil

    private var stopRequested: Bool { stop?.stopRequested == true }

    /// Names of the configurations this variant samples, in order.
    var configurationNames: [String] {
        if case .classifierFree(let scales) = setup.guidance {
            return scales.map { "\(variant)_w\(FlowSampler.format($0))" }
        }
        return [variant]
    }

    /// `3.0`, `1.5`: at least one decimal, as in `cfg_w3.0`.
    static func format(_ scale: Double) -> String {
        scale == scale.rounded() ? String(format: "%.1f", scale) : String(format: "%g", scale)
    }

    /// Draws `count` samples per configuration; prompts come from `prompts` (shared by every configuration).
    func sample(model: MLPFlowModel, prompts: [Int], seed: UInt64) -> [SampledConfiguration] {
        let count = prompts.count
        let steps = setup.spec.sample.steps
        let null = model.nullToken
        var generator = RandomGenerator(seed: seed, stream: "sample/\(variant)")
        switch setup.guidance {
        case .classifierFree(let scales):
            let start = GaussianSource().sample([count, setup.dataset.pointDimension], generator: &generator)
            let nullTokens = Array(repeating: null, count: count)
            return scales.map { scale in
                let guidance = ClassifierFreeGuidance(scale: scale)
                let velocity = guidance.velocity { x, t, dropped in
                    if stopRequested { return Tensor.zeros(x.shape) }
                    return model.velocity(points: x, tokens: dropped ? nullTokens : prompts, t: t)
                }
                let points = withNoGradient { integrate(from: start, over: TimeGrid.uniform(steps: steps), velocity: velocity) }
                return SampledConfiguration(name: "\(variant)_w\(FlowSampler.format(scale))", variant: variant,
                                            points: points.floats, condition: prompts, finalLabels: nil,
                                            method: "label-conditioned flow, \(setup.solver.method.rawValue) ODE, \(steps) steps, CFG w = \(FlowSampler.format(scale))")
            }
        case .crossGuidance(let scale), .frozenPrompt(let scale):
            let prompt = DiscreteState(tokens: prompts, shape: [count, 1])
            let frozen: Bool
            if case .frozenPrompt = setup.guidance { frozen = true } else { frozen = false }
            return [joint(model: model, condition: frozen ? .frozenPrompt(prompt) : .crossGuidedPrompt(prompt),
                          prompts: prompts, scale: scale, generator: &generator,
                          method: frozen ? "joint flow, prompt held fixed" : "joint flow, cross-guidance (prompt may change)")]
        case .imageToText, .inpainting:
            preconditionFailure("FlowSetup rejects 'image_to_text' and 'inpaint' for the point-and-label engine")
        case .unconditional:
            return [joint(model: model, condition: .unconditional, prompts: prompts, scale: nil, generator: &generator,
                          method: "joint flow, unconditional")]
        }
    }

    /// The ODE solution over `grid`, integrated a few steps at a time (the same steps, so the same numbers) so
    /// that a stop request ends the loop within a segment.
    func integrate(from start: Tensor, over grid: [Double], velocity: @escaping VelocityModel) -> Tensor {
        let solver = ODESolver(method: setup.solver.method)
        var x = start
        var index = 0
        while index < grid.count - 1, !stopRequested {
            let end = Swift.min(index + 8, grid.count - 1)
            x = solver.sample(start: x, timeGrid: Array(grid[index...end]), velocity: velocity)
            index = end
        }
        return x
    }

    private func joint(model: MLPFlowModel, condition: JointCondition, prompts: [Int], scale: Double?,
                       generator: inout RandomGenerator, method: String) -> SampledConfiguration {
        guard let discrete = setup.discrete else { preconditionFailure("joint sampling without a discrete modality") }
        let null = model.nullToken
        let lastPrediction = PredictionCache()
        let jointModel = JointModelClosure { points, tokens, t, dropped in
            if stopRequested, let last = lastPrediction.value { return last }
            let velocityTokens = zip(tokens.tokens, dropped).map { $1 ? null : $0 }
            let prediction = JointPrediction(velocity: model.velocity(points: points, tokens: velocityTokens, t: t),
                                             logits: model.logits(points: points, tokens: tokens.tokens, t: t))
            lastPrediction.value = prediction
            return prediction
        }
        let solver = MultimodalSolver(discretePath: discrete.path, steps: setup.spec.sample.steps,
                                      discreteSteps: setup.solver.discreteSteps, guidanceScale: scale,
                                      discreteUpdate: setup.solver.discreteUpdate)
        let result = solver.sample(condition: condition, continuousShape: [prompts.count, setup.dataset.pointDimension],
                                   discreteSource: discrete.source.discreteSource(vocabularySize: setup.dataset.labelCount),
                                   model: jointModel, generator: &generator)
        let description = method + (scale.map { ", CFG w = \(FlowSampler.format($0)) on the velocity" } ?? "")
            + ", \(setup.spec.sample.steps) steps"
        return SampledConfiguration(name: variant, variant: variant, points: result.continuous.floats, condition: prompts,
                                    finalLabels: result.discrete.tokens, method: description)
    }
}
