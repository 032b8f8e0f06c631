import FlowNN
import FlowTensor

/// A trainable flow model over named modalities: the only place that sees all modalities of a state at once.
///
/// The state holds each generated modality at its current (noisy) value and each condition clean; the
/// prediction holds a velocity or logits for every generated modality.
protocol FlowNetwork: AnyObject {
    /// The parameters (checkpointed, optimised, averaged).
    var module: Module { get }
    /// The names of the modalities this network generates.
    var generated: [String] { get }
    /// The prediction at `state` and flow times `t` (`[B]`, in [0, 1]).
    func predict(_ state: ModalityBatch, t: Tensor) -> FlowPrediction
    /// The value that stands for "no condition" for condition modality `name`, for `count` samples (what condition
    /// dropout trains on and classifier-free guidance subtracts).
    func nullCondition(_ name: String, count: Int) -> ModalityValue
    /// The frozen text encoder the network reads captions through, if any.
    var textEncoder: FrozenTextEncoder? { get }
}

extension FlowNetwork {
    var textEncoder: FrozenTextEncoder? { nil }
}
