import FlowTensor

/// How a joint sample is conditioned: where each state starts and whether it may evolve.
public enum JointCondition {
    /// Both states start from their sources and evolve (unconditional joint generation).
    case unconditional
    /// Cross-guidance: the discrete state starts from the prompt (`C_0 = y`) and evolves with the continuous one.
    case crossGuidedPrompt(DiscreteState)
    /// The conventional conditional model: the discrete state is held at the prompt for the whole solve.
    case frozenPrompt(DiscreteState)
    /// Cross-guidance from the other side: the continuous state starts from the given image and evolves.
    case crossGuidedImage(Tensor)
    /// The continuous state is held at the given image (e.g. captioning with a fixed image).
    case frozenImage(Tensor)

    /// Which state, if any, is held fixed.
    public var frozen: FrozenModality {
        switch self {
        case .frozenPrompt: return .discrete
        case .frozenImage: return .continuous
        default: return .none
        }
    }

    /// The start state: the given prompt or image where there is one, source draws elsewhere.
    ///
    /// `continuousShape` and `tokensPerRow` size the source draws (the batch size comes from a given state when
    /// there is one, else from `continuousShape[0]`).
    public func start(continuousShape: [Int], tokensPerRow: Int, continuousSource: GaussianSource = GaussianSource(),
                      discreteSource: any DiscreteSource, dtype: DType = .float32,
                      generator: inout RandomGenerator) -> JointState {
        switch self {
        case .unconditional:
            return JointState(continuous: continuousSource.sample(continuousShape, generator: &generator, dtype: dtype),
                              discrete: discreteSource.sample(shape: [continuousShape[0], tokensPerRow], generator: &generator))
        case .crossGuidedPrompt(let prompt), .frozenPrompt(let prompt):
            let shape = [prompt.batchSize] + continuousShape.dropFirst()
            return JointState(continuous: continuousSource.sample(shape, generator: &generator, dtype: dtype), discrete: prompt)
        case .crossGuidedImage(let image), .frozenImage(let image):
            return JointState(continuous: image,
                              discrete: discreteSource.sample(shape: [image.shape[0], tokensPerRow], generator: &generator))
        }
    }
}

/// A state held fixed during a joint solve.
public enum FrozenModality: String, Sendable, Codable {
    /// Both states evolve.
    case none
    /// The continuous state is held fixed.
    case continuous
    /// The discrete state is held fixed (the "frozen prompt" conditional baseline).
    case discrete
}
