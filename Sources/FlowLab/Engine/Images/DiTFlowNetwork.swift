import FlowMatching
import FlowModels
import FlowNN
import FlowTensor

/// A `DiT` as a flow network: generates the image modality, reading the caption modality (when there is one) as
/// its condition.
///
/// Without a text encoder, caption tokens are word ids in `0..<vocabulary`; the dropped ("no caption") condition
/// is a caption made only of the DiT's own padding id `vocabulary`, which its embedding table keeps as a learned
/// extra row. With a frozen text encoder, caption tokens are the encoder's ids; the DiT reads the encoder's
/// cached features of them, and the dropped caption is a row of `[PAD]` only, which the DiT replaces by its
/// learned `y_embedding`. The encoder is not part of `module`, so it is neither trained nor checkpointed.
final class DiTFlowNetwork: FlowNetwork {
    /// The transformer.
    let model: DiT
    /// The generated image modality's name.
    let image: String
    /// The caption modality's name, when the flow is caption-conditioned.
    let caption: String?
    /// The frozen, loaded text encoder the caption tokens are read through, or nil for the DiT's word-token table.
    let textEncoder: FrozenTextEncoder?

    init(model: DiT, image: String, caption: String?, textEncoder: FrozenTextEncoder? = nil) {
        self.model = model
        self.image = image
        self.caption = caption
        self.textEncoder = textEncoder
    }

    var module: Module { model }
    var generated: [String] { [image] }

    func predict(_ state: ModalityBatch, t: Tensor) -> FlowPrediction {
        var condition = DiTCondition.none
        if let caption {
            let tokens = state.tokens(caption).tokens
            condition = textEncoder.map { $0.condition(ids: tokens) } ?? .captions(tokens)
        }
        return FlowPrediction(velocities: [image: model(state.tensor(image), t: t, condition: condition)])
    }

    func nullCondition(_ name: String, count: Int) -> ModalityValue {
        precondition(name == caption, "the DiT is conditioned on '\(caption ?? "nothing")', not '\(name)'")
        if let textEncoder {
            return .discrete(DiscreteState(tokens: Array(repeating: textEncoder.paddingID, count: count * textEncoder.length),
                                           shape: [count, textEncoder.length]))
        }
        guard case .captions(let tokens) = model.nullCondition(batch: count), let length = model.captionEmbedding?.length else {
            preconditionFailure("a caption-conditioned DiT has a null caption")
        }
        return .discrete(DiscreteState(tokens: tokens, shape: [count, length]))
    }
}
