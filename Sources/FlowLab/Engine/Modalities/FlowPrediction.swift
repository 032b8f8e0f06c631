import FlowTensor

/// What a flow network predicts at a state: per generated modality a velocity or logits, plus named internals.
///
/// Alignment terms (REPA, HASTE) read `features["block.8"]` and `attention["block.5"]`; a network fills them only
/// when asked (see ``FlowNetwork/predict(_:t:)``).
struct FlowPrediction {
    /// Velocities of generated continuous modalities, shaped like their states.
    var velocities: [String: Tensor] = [:]
    /// Logits `[B, L, V]` of generated discrete modalities.
    var logits: [String: Tensor] = [:]
    /// Intermediate features by layer name.
    var features: [String: Tensor] = [:]
    /// Attention logits by layer name.
    var attention: [String: Tensor] = [:]
}
