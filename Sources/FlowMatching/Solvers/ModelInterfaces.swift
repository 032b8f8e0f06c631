import FlowTensor

/// A continuous velocity field `u_theta(x_t, t)`: `x` is `[B, ...]`, `t` is `[B]`, the result is shaped like `x`.
///
/// Conditions (labels, prompts) are captured by the closure; see `ClassifierFreeGuidance` for guided fields.
public typealias VelocityModel = (_ x: Tensor, _ t: Tensor) -> Tensor

/// A discrete posterior `p_{1|t}(. | x_t)`: tokens `[B, L]` and times `[B]` to logits `[B, L, V]`.
public typealias DiscretePosteriorModel = (_ x: DiscreteState, _ t: Tensor) -> Tensor
