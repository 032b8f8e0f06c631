import FlowMatching
import FlowTensor

/// The values of one modality for a batch: a real tensor or a grid of tokens.
enum ModalityValue {
    /// `[B, ...]` real values (points `[B, 2]`, images `[B, H, W, 3]`, latents, token embeddings).
    case continuous(Tensor)
    /// `[B, L]` token ids.
    case discrete(DiscreteState)

    /// The batch size B.
    var count: Int {
        switch self {
        case .continuous(let tensor): tensor.shape[0]
        case .discrete(let state): state.shape[0]
        }
    }
}
