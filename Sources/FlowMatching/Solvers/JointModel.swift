import FlowTensor

/// A joint continuous + discrete model (CrossFlows): one call sees both current states and returns the
/// continuous velocity and the discrete posterior logits.
///
/// `conditionDropped[b]` asks for row b's unconditional continuous velocity (the discrete state hidden from
/// the continuous head, `u_1(I_t, null, t)` in CrossFlows Algorithm 1), for classifier-free guidance.
public protocol JointModel {
    /// The prediction at states `(continuous [B, ...], discrete [B, L])` and times `t` `[B]`.
    func callAsFunction(continuous: Tensor, discrete: DiscreteState, t: Tensor, conditionDropped: [Bool]) -> JointPrediction
}

/// What a joint model returns.
public struct JointPrediction: Sendable {
    /// The continuous velocity, shaped like the continuous state.
    public let velocity: Tensor
    /// The posterior logits over model tokens, `[B, L, V]`.
    public let logits: Tensor

    /// Bundles a prediction.
    public init(velocity: Tensor, logits: Tensor) {
        self.velocity = velocity
        self.logits = logits
    }
}

/// A joint model given as a closure.
public struct JointModelClosure: JointModel {
    let body: (Tensor, DiscreteState, Tensor, [Bool]) -> JointPrediction

    /// Wraps `body(continuous, discrete, t, conditionDropped)`.
    public init(_ body: @escaping (_ continuous: Tensor, _ discrete: DiscreteState, _ t: Tensor,
                                   _ conditionDropped: [Bool]) -> JointPrediction) {
        self.body = body
    }

    /// Calls the wrapped closure.
    public func callAsFunction(continuous: Tensor, discrete: DiscreteState, t: Tensor, conditionDropped: [Bool]) -> JointPrediction {
        body(continuous, discrete, t, conditionDropped)
    }
}

/// The pair of states a joint flow evolves.
public struct JointState: Sendable {
    /// The continuous state (e.g. image latents or 2-D points), `[B, ...]`.
    public var continuous: Tensor
    /// The discrete state (e.g. caption tokens), `[B, L]`.
    public var discrete: DiscreteState

    /// Bundles two states with the same batch size.
    public init(continuous: Tensor, discrete: DiscreteState) {
        precondition(continuous.shape[0] == discrete.batchSize,
                     "JointState: continuous batch \(continuous.shape[0]) vs discrete batch \(discrete.batchSize)")
        self.continuous = continuous
        self.discrete = discrete
    }
}
