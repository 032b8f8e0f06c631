import FlowTensor

/// Classifier-free guidance: `v = v_uncond + w (v_cond - v_uncond)` (w = 1: the conditional field alone).
///
/// flow_matching's image example writes `(1 + w') v_cond - w' v_uncond`, i.e. `w = w' + 1`.
public struct ClassifierFreeGuidance: Sendable, Equatable {
    /// The guidance scale w.
    public let scale: Double

    /// Guidance with scale `scale`.
    public init(scale: Double) { self.scale = scale }

    /// `unconditional + scale * (conditional - unconditional)`.
    public func combine(conditional: Tensor, unconditional: Tensor) -> Tensor {
        unconditional + (conditional - unconditional) * scale
    }

    /// The guided field of a model called as `model(x, t, conditionDropped)`: two calls per evaluation
    /// (one when the scale is 1).
    public func velocity(_ model: @escaping (_ x: Tensor, _ t: Tensor, _ conditionDropped: Bool) -> Tensor) -> VelocityModel {
        { x, t in
            let conditional = model(x, t, false)
            if scale == 1 { return conditional }
            return combine(conditional: conditional, unconditional: model(x, t, true))
        }
    }
}
