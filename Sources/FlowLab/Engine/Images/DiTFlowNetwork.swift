import FlowMatching
import FlowModels
import FlowNN
import FlowTensor

/// A `DiT` as a flow network: generates the image modality, reading the caption modality (when there is one) as
/// its condition.
///
/// Caption tokens are word ids in `0..<vocabulary`; the dropped ("no caption") condition is a caption made only of
/// the DiT's own padding id `vocabulary`, which its embedding table keeps as a learned extra row.
final class DiTFlowNetwork: FlowNetwork {
    /// The transformer.
    let model: DiT
    /// The generated image modality's name.
    let image: String
    /// The caption modality's name, when the flow is caption-conditioned.
    let caption: String?

    init(model: DiT, image: String, caption: String?) {
        self.model = model
        self.image = image
        self.caption = caption
    }

    var module: Module { model }
    var generated: [String] { [image] }

    func predict(_ state: ModalityBatch, t: Tensor) -> FlowPrediction {
        let condition: DiTCondition = caption.map { .captions(state.tokens($0).tokens) } ?? .none
        return FlowPrediction(velocities: [image: model(state.tensor(image), t: t, condition: condition)])
    }

    func nullCondition(_ name: String, count: Int) -> ModalityValue {
        precondition(name == caption, "the DiT is conditioned on '\(caption ?? "nothing")', not '\(name)'")
        guard case .captions(let tokens) = model.nullCondition(batch: count), let length = model.captionEmbedding?.length else {
            preconditionFailure("a caption-conditioned DiT has a null caption")
        }
        return .discrete(DiscreteState(tokens: tokens, shape: [count, length]))
    }
}
