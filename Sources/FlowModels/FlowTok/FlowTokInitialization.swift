import FlowTensor

/// Helpers for the initial parameters of FlowTok's modules.
enum FlowTokInitialization {
    /// `tensor` as a fresh trained parameter (a leaf that requires gradients).
    static func learned(_ tensor: Tensor) -> Tensor {
        let leaf = tensor.detached()
        leaf.requiresGrad = true
        return leaf
    }
}
