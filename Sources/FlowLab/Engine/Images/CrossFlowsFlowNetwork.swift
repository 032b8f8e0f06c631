import FlowMatching
import FlowModels
import FlowNN
import FlowTensor

/// A `CrossFlowsModel` as a flow network: generates both the image (velocity) and the caption (posterior logits),
/// each flow reading the other's current state.
///
/// The caption's null condition is a caption of the model's null token (one past the caption vocabulary); rows listed
/// in `ModalityBatch.dropped[caption]` show only the image flow that null caption, as CrossFlows' condition dropout
/// and classifier-free guidance need (the caption flow always reads the real caption state). The image stream's hidden
/// states after MM-DiT block k are `features["block.k"]` (`[B, N, width]`), for REPA; the image-to-image attention
/// logits of block k are `attention["block.k"]` (`[B, heads, N, N]`) for each k in `attentionBlocks`, for HASTE.
final class CrossFlowsFlowNetwork: FlowNetwork {
    /// The two flows.
    let model: CrossFlowsModel
    /// The image modality's name.
    let image: String
    /// The caption modality's name.
    let caption: String
    /// The MM-DiT blocks whose image attention logits `predict` returns (set by a training state with an attention
    /// alignment term); empty: none are computed, the ordinary forward pass.
    var attentionBlocks: Set<Int> = []

    init(model: CrossFlowsModel, image: String, caption: String) {
        self.model = model
        self.image = image
        self.caption = caption
    }

    var module: Module { model }
    var generated: [String] { [image, caption] }

    func predict(_ state: ModalityBatch, t: Tensor) -> FlowPrediction {
        let result = model.forward(images: state.tensor(image), captions: state.tokens(caption).tokens, t: t,
                                   captionDropped: state.dropped[caption], attentionBlocks: attentionBlocks)
        let features = Dictionary(uniqueKeysWithValues: result.hidden.enumerated().map { ("block.\($0.offset)", $0.element) })
        let attention = Dictionary(uniqueKeysWithValues: result.attention.map { ("block.\($0.key)", $0.value) })
        return FlowPrediction(velocities: [image: result.velocity], logits: [caption: result.logits], features: features,
                              attention: attention)
    }

    func nullCondition(_ name: String, count: Int) -> ModalityValue {
        precondition(name == caption, "the CrossFlows image flow reads '\(caption)', not '\(name)'")
        return .discrete(DiscreteState(tokens: model.nullCaptions(batch: count), shape: [count, model.configuration.captionLength]))
    }
}
