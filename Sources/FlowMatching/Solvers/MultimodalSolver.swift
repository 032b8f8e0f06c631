import FlowTensor

/// The joint sampler of CrossFlows (Algorithm 1; flow_matching PR #83): a continuous and a discrete state
/// advance together, every model call seeing both current states at a shared time.
///
/// The continuous state takes Euler steps, optionally with classifier-free guidance on its velocity
/// (`v = v_null + w (v - v_null)`, a second model call with the condition dropped); the discrete state takes
/// the steps of `discreteUpdate`, and its last step snaps to a posterior draw.
///
/// *Adaptive horizon sampling*: the two modalities may use different step counts. The solver walks the union
/// of both grids; a modality is updated only at its own grid times. Between its grid times the continuous
/// state the model sees is its Euler line (`x_i + (t - t_i) v_i`), the discrete state its latest value.
/// With equal step counts this is exactly Algorithm 1.
///
/// ```swift
/// let solver = MultimodalSolver(discretePath: path, steps: 100, guidanceScale: 1.5)
/// let result = solver.sample(condition: .crossGuidedPrompt(prompt), continuousShape: [256, 2],
///                            discreteSource: UniformTokenSource(vocabularySize: 199), model: model, generator: &generator)
/// ```
public struct MultimodalSolver: Sendable {
    /// The mixture path of the discrete modality.
    public let discretePath: MixtureDiscreteProbabilityPath
    /// Euler steps of the continuous state over [0, 1].
    public let continuousSteps: Int
    /// Steps of the discrete state over [0, 1].
    public let discreteSteps: Int
    /// Classifier-free guidance on the continuous velocity; nil for none.
    public let guidance: ClassifierFreeGuidance?
    /// The discrete step rule.
    public let discreteUpdate: DiscreteUpdateRule

    /// A joint solver; `discreteSteps` defaults to `continuousSteps`, `guidanceScale` nil means no CFG.
    public init(discretePath: MixtureDiscreteProbabilityPath, steps continuousSteps: Int, discreteSteps: Int? = nil,
                guidanceScale: Double? = nil, discreteUpdate: DiscreteUpdateRule = .plainEuler) {
        precondition(continuousSteps > 0 && (discreteSteps ?? 1) > 0, "MultimodalSolver: step counts must be positive")
        self.discretePath = discretePath
        self.continuousSteps = continuousSteps
        self.discreteSteps = discreteSteps ?? continuousSteps
        self.guidance = guidanceScale.map(ClassifierFreeGuidance.init(scale:))
        self.discreteUpdate = discreteUpdate
    }

    /// Samples under a condition: builds the start state (`JointCondition.start`) and solves from it.
    ///
    /// A divergence-free Euler rule without source probabilities takes `discreteSource.probabilities`.
    public func sample(condition: JointCondition, continuousShape: [Int], tokensPerRow: Int = 1,
                       discreteSource: any DiscreteSource, model: some JointModel, dtype: DType = .float32,
                       generator: inout RandomGenerator) -> JointState {
        let start = condition.start(continuousShape: continuousShape, tokensPerRow: tokensPerRow,
                                    discreteSource: discreteSource, dtype: dtype, generator: &generator)
        var update = discreteUpdate
        if case .euler(let coefficient, nil) = discreteUpdate, coefficient != 0 {
            update = .euler(divergenceFree: coefficient, sourceProbabilities: discreteSource.probabilities)
        }
        return sample(start: start, frozen: condition.frozen, model: model, discreteUpdate: update, generator: &generator)
    }

    /// Solves from `start` at t = 0 to t = 1, holding `frozen` fixed.
    ///
    /// A divergence-free Euler rule needs its source probabilities here (there is no source to take them from).
    public func sample(start: JointState, frozen: FrozenModality = .none, model: some JointModel,
                       generator: inout RandomGenerator) -> JointState {
        sample(start: start, frozen: frozen, model: model, discreteUpdate: discreteUpdate, generator: &generator)
    }

    private func sample(start: JointState, frozen: FrozenModality, model: some JointModel,
                        discreteUpdate: DiscreteUpdateRule, generator: inout RandomGenerator) -> JointState {
        let continuousGrid = TimeGrid.uniform(steps: continuousSteps)
        let discreteGrid = TimeGrid.uniform(steps: discreteSteps)
        let events = MultimodalSolver.mergedTimes(continuousGrid, discreteGrid)
        let batch = start.discrete.batchSize
        let dtype = start.continuous.dtype
        let euler = MixtureDiscreteEulerSolver(path: discretePath, divergenceFree: { _ in 0 })
        var schedule: JumpSchedule? = nil
        if case .jumpSchedule = discreteUpdate, frozen != .discrete {
            schedule = JumpSchedule(path: discretePath, count: start.discrete.tokens.count, generator: &generator)
        }

        return withNoGradient {
            var anchor = start.continuous, anchorTime = 0.0
            var velocity: Tensor? = nil
            var discrete = start.discrete
            for event in events {
                let t = event.time
                let updatesContinuous = event.continuousStep != nil && frozen != .continuous
                let updatesDiscrete = event.discreteStep != nil && frozen != .discrete
                if !updatesContinuous && !updatesDiscrete { continue }
                let continuous = velocity.map { anchor + $0 * (t - anchorTime) } ?? anchor
                let times = Tensor.full([batch], t, dtype: dtype)
                let prediction = model(continuous: continuous, discrete: discrete, t: times,
                                       conditionDropped: Array(repeating: false, count: batch))
                if updatesContinuous {
                    var guided = prediction.velocity
                    if let guidance, guidance.scale != 1 {
                        let unconditional = model(continuous: continuous, discrete: discrete, t: times,
                                                  conditionDropped: Array(repeating: true, count: batch)).velocity
                        guided = guidance.combine(conditional: prediction.velocity, unconditional: unconditional)
                    }
                    anchor = continuous
                    anchorTime = t
                    velocity = guided
                }
                if updatesDiscrete, let step = event.discreteStep {
                    let next = discreteGrid[step + 1]
                    let isLast = step == discreteSteps - 1
                    switch discreteUpdate {
                    case .euler(let coefficient, let source):
                        let solver = coefficient == 0 ? euler
                            : MixtureDiscreteEulerSolver(path: discretePath, divergenceFree: { _ in coefficient },
                                                         sourceProbabilities: source)
                        discrete = solver.step(discrete, logits: prediction.logits, t: t, h: next - t,
                                               isLast: isLast, generator: &generator)
                    case .jumpSchedule:
                        discrete = schedule!.step(discrete, logits: prediction.logits, from: t, to: isLast ? .infinity : next,
                                                 generator: &generator)
                    }
                }
            }
            let final = velocity.map { anchor + $0 * (1 - anchorTime) } ?? anchor
            return JointState(continuous: frozen == .continuous ? start.continuous : final, discrete: discrete)
        }
    }

    /// A time of the merged grid and the step of each modality that starts there.
    struct Event {
        let time: Double
        let continuousStep: Int?
        let discreteStep: Int?
    }

    /// The union of two grids' step start times (their last point, 1, starts no step), in order.
    static func mergedTimes(_ first: [Double], _ second: [Double]) -> [Event] {
        var events: [Event] = []
        var (i, j) = (0, 0)
        let (endFirst, endSecond) = (first.count - 1, second.count - 1)
        while i < endFirst || j < endSecond {
            let a = i < endFirst ? first[i] : .infinity
            let b = j < endSecond ? second[j] : .infinity
            if Swift.abs(a - b) < 1e-12 {
                events.append(Event(time: a, continuousStep: i, discreteStep: j)); i += 1; j += 1
            } else if a < b {
                events.append(Event(time: a, continuousStep: i, discreteStep: nil)); i += 1
            } else {
                events.append(Event(time: b, continuousStep: nil, discreteStep: j)); j += 1
            }
        }
        return events
    }
}
