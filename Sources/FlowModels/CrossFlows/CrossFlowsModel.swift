import FlowNN
import FlowTensor

/// The two jointly trained networks of CrossFlows (paper §3.3-3.5): an image flow that reads the current caption state
/// and a caption flow that reads the current image state, called together on one multimodal state `Z_t = (I_t, C_t)`.
///
/// `model(images: I_t, captions: C_t, t: t)` returns the image velocity `u^θ₁(I_t, C_t, t)` (`[B, H, W, C]`) and the
/// caption posterior logits `p^θ₂(· | C_t, I_t, t)` (`[B, L, vocabulary]`), one time for both modalities.
///
/// **Dropped captions (classifier-free guidance).** The dropped caption `∅` is a caption of null tokens
/// (`configuration.nullToken`, one past the caption vocabulary, a row of its own in the image flow's token table).
/// `captionDropped[b]` replaces row b's caption by `∅` for the *image flow only*; the caption flow always sees the
/// real `C_t`, so `v_∅ = u₁(I_t, ∅, t)` of Algorithm 1 comes from a second call with every row dropped. Train with a
/// fraction of rows dropped (0.1 typical) so the image flow learns `u₁(I_t, ∅, t)`.
///
/// Parameters: `image_model.*` (`CrossFlowsImageModel`, Stable Diffusion 3's MM-DiT names) and `caption_model.*`
/// (`CrossFlowsCaptionModel`).
///
/// ```swift
/// var generator = RandomGenerator(seed: 0)
/// let model = try CrossFlowsModel(configuration: .init(imageSize: 8, patchSize: 2, width: 32, depth: 2, heads: 4,
///                                                      captionLength: 2, vocabulary: 9, captionWidth: 32,
///                                                      captionDepth: 2, captionHeads: 4), generator: &generator)
/// let (velocity, logits) = model(images: images, captions: [8, 8, 1, 8], t: t)   // images [2, 8, 8, 3], t [2]
/// ```
public final class CrossFlowsModel: Module {
    /// The sizes.
    public let configuration: CrossFlowsConfiguration
    /// The image flow (checkpoint key `image_model`).
    public let imageModel: CrossFlowsImageModel
    /// The caption flow (checkpoint key `caption_model`).
    public let captionModel: CrossFlowsCaptionModel

    override public class var checkpointKeys: [String: String] { ["imageModel": "image_model", "captionModel": "caption_model"] }

    /// Both networks, initialised as DiT (adaLN-Zero, Xavier-uniform linear layers).
    ///
    /// - Throws: `CrossFlowsError` listing every inconsistency of the configuration.
    public init(configuration: CrossFlowsConfiguration, dtype: DType = .float32, generator: inout RandomGenerator) throws {
        let problems = configuration.problems
        guard problems.isEmpty else { throw CrossFlowsError(problems) }
        self.configuration = configuration
        imageModel = CrossFlowsImageModel(configuration: configuration, dtype: dtype, generator: &generator)
        captionModel = CrossFlowsCaptionModel(configuration: configuration, dtype: dtype, generator: &generator)
    }

    /// The dropped caption `∅` for `batch` rows: `batch · L` null tokens.
    public func nullCaptions(batch: Int) -> [Int] {
        Array(repeating: configuration.nullToken, count: batch * configuration.captionLength)
    }

    /// Everything wrong with a call on images of `shape`, `captions` and times of `timeShape`, as sentences.
    public func problems(images shape: [Int], captions: [Int], times timeShape: [Int], captionDropped: [Bool]?) -> [String] {
        let c = configuration
        var problems: [String] = []
        if shape.count != 4 || Array(shape.dropFirst()) != [c.imageSize, c.imageSize, c.channels] {
            problems.append("images must be [B, \(c.imageSize), \(c.imageSize), \(c.channels)] (channel-last), got \(shape)")
        }
        let batch = shape.first ?? 0
        if captions.count != batch * c.captionLength {
            problems.append("\(captions.count) caption tokens for a batch of \(batch) captions of \(c.captionLength)")
        }
        if let bad = captions.first(where: { !(0..<c.vocabulary).contains($0) }) {
            problems.append("caption token \(bad) outside 0..<\(c.vocabulary) (drop a caption with captionDropped instead)")
        }
        if timeShape != [batch] { problems.append("times must be [\(batch)], got \(timeShape)") }
        if let captionDropped, captionDropped.count != batch {
            problems.append("\(captionDropped.count) dropped-caption flags for a batch of \(batch)")
        }
        return problems
    }

    /// The image velocity `[B, H, W, C]` and caption logits `[B, L, vocabulary]` at images `images` (`[B, H, W, C]`),
    /// caption states `captions` (`B · L` ids in `0..<vocabulary`, row by row) and flow times `t` (`[B]`, in `[0, 1]`);
    /// rows flagged in `captionDropped` show the image flow the null caption.
    ///
    /// Shapes must fit (see `problems(images:captions:times:captionDropped:)`; a misfit is a programming error here).
    public func callAsFunction(images: Tensor, captions: [Int], t: Tensor,
                               captionDropped: [Bool]? = nil) -> (velocity: Tensor, logits: Tensor) {
        let result = forward(images: images, captions: captions, t: t, captionDropped: captionDropped)
        return (result.velocity, result.logits)
    }

    /// The velocity and logits as `callAsFunction`, with the image flow's image-stream hidden states after each
    /// MM-DiT block (`[B, N, width]`) and the image-to-image attention logits of the blocks in `attentionBlocks`
    /// (`[B, heads, N, N]`; see `CrossFlowsImageModel.forward(_:captions:t:attentionBlocks:)`), for alignment terms.
    public func forward(images: Tensor, captions: [Int], t: Tensor, captionDropped: [Bool]? = nil,
                        attentionBlocks: Set<Int> = []) -> (velocity: Tensor, logits: Tensor, hidden: [Tensor], attention: [Int: Tensor]) {
        let problems = problems(images: images.shape, captions: captions, times: t.shape, captionDropped: captionDropped)
        precondition(problems.isEmpty, CrossFlowsError(problems).description)
        var shown = captions
        let length = configuration.captionLength
        for (row, dropped) in (captionDropped ?? []).enumerated() where dropped {
            shown.replaceSubrange((row * length)..<((row + 1) * length),
                                  with: repeatElement(configuration.nullToken, count: length))
        }
        let image = imageModel.forward(images, captions: shown, t: t, attentionBlocks: attentionBlocks)
        return (image.velocity, captionModel(captions: captions, images: images, t: t), image.hidden, image.attention)
    }
}
