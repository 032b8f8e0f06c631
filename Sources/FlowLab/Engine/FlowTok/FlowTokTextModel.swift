import FlowModels
import FlowNN
import FlowTensor

/// FlowTok's text autoencoder: the text projector (frozen text-encoder states → Gaussian text tokens `[L, d]`) and
/// the text decoder (text tokens → word-token logits), trained together by `flowtok_text`.
///
/// Parameters: `projector.*` (``TextProjector``), `decoder.*` (``TextDecoder``).
final class FlowTokTextModel: Module {
    let projector: TextProjector
    let decoder: TextDecoder

    init(projector: TextProjector, decoder: TextDecoder) {
        self.projector = projector
        self.decoder = decoder
    }
}
