import Foundation
import FlowNN
import FlowTensor

/// A diffusion transformer image flow (facebookresearch/DiT): patch tokens with fixed 2-D sin-cos positions,
/// a timestep embedding (plus a label or caption embedding) that modulates adaLN-Zero blocks, a final layer
/// and unpatchify. It predicts a velocity shaped like its input.
///
/// Images are **channel-last**, `[B, H, W, C]` (the layout of `samples.h5`); time is `[B]`, flow time in
/// `[0, 1]`, multiplied by `timeScale` (1000, DiT's timestep range) before the sinusoidal features.
/// Parameter names are the reference's (`x_embedder.proj.weight` `[D, C, p, p]`, `t_embedder.mlp.0.weight`,
/// `y_embedder.embedding_table.weight`, `pos_embed`, `blocks.3.attn.qkv.weight`,
/// `blocks.3.adaLN_modulation.1.weight`, `final_layer.linear.weight`, ...), so a DiT state dict
/// (with `learn_sigma=False`) loads without renaming; caption conditioning adds `y_embedder.pos_embed`
/// and `blocks.N.cross_attn.*` (PixArt's names), and text-encoder conditioning PixArt's
/// `y_embedder.y_proj.fc1/fc2` and `y_embedder.y_embedding`.
///
/// ```swift
/// var generator = RandomGenerator(seed: 0)
/// let model = try DiT(configuration: .init(imageSize: 8, patchSize: 2, width: 32, depth: 2, heads: 4,
///                                          conditioning: .classLabels(count: 4)), generator: &generator)
/// let v = model(images, t: t, condition: .labels([0, 3]))   // images [2, 8, 8, 3], t [2] → v [2, 8, 8, 3]
/// ```
public final class DiT: Module {
    /// The sizes and options.
    public let configuration: DiTConfiguration
    /// Patch embedding (checkpoint key `x_embedder`).
    public let patchEmbedding: PatchEmbedding
    /// Timestep embedding: 256 sinusoidal features through `mlp.0`, SiLU, `mlp.2` (checkpoint key `t_embedder`).
    public let timeEmbedding: SinusoidalTimeEmbedding
    /// Class-label embedding (checkpoint key `y_embedder`), with `.classLabels` conditioning.
    public let labelEmbedding: LabelEmbedding?
    /// Caption embedding (checkpoint key `y_embedder`), with `.captions` conditioning.
    public let captionEmbedding: CaptionEmbedding?
    /// Text-feature embedding (checkpoint key `y_embedder`), with `.textEmbeddings` conditioning.
    public let textEmbedding: TextFeatureEmbedding?
    /// The fixed `[1, N, width]` sin-cos positions (checkpoint key `pos_embed`; not trained).
    public let positions: Tensor
    /// The adaLN-Zero blocks.
    public let blocks: [DiTBlock]
    /// The final modulated projection to patch pixels (checkpoint key `final_layer`).
    public let finalLayer: DiTFinalLayer

    override public class var checkpointKeys: [String: String] {
        ["patchEmbedding": "x_embedder", "timeEmbedding": "t_embedder", "labelEmbedding": "y_embedder",
         "captionEmbedding": "y_embedder", "textEmbedding": "y_embedder", "positions": "pos_embed", "finalLayer": "final_layer"]
    }

    /// A model initialised as DiT's `initialize_weights` does: Xavier-uniform linear layers with zero biases,
    /// N(0, 0.02²) timestep MLP and label table, and zero adaLN modulations and output layer (adaLN-Zero); the
    /// text projection `y_proj` gets PixArt's N(0, 0.02²) weights.
    ///
    /// - Throws: `DiTError` listing every inconsistency of the configuration.
    public init(configuration: DiTConfiguration, dtype: DType = .float32, generator: inout RandomGenerator) throws {
        let problems = configuration.problems
        guard problems.isEmpty else { throw DiTError(problems) }
        self.configuration = configuration
        let width = configuration.width
        patchEmbedding = PatchEmbedding(patchSize: configuration.patchSize, channels: configuration.channels,
                                        width: width, layout: .channelsLast, dtype: dtype, generator: &generator)
        timeEmbedding = SinusoidalTimeEmbedding(dimension: configuration.frequencyEmbeddingSize, outputWidth: width,
                                                dtype: dtype, generator: &generator)
        var contextWidth: Int?
        switch configuration.conditioning {
        case .none:
            labelEmbedding = nil
            captionEmbedding = nil
            textEmbedding = nil
        case .classLabels(let count):
            labelEmbedding = LabelEmbedding(count: count, width: width, dtype: dtype, generator: &generator)
            captionEmbedding = nil
            textEmbedding = nil
        case .captions(let vocabulary, let length, let crossAttention):
            labelEmbedding = nil
            captionEmbedding = CaptionEmbedding(vocabulary: vocabulary, length: length, width: width,
                                                crossAttention: crossAttention, dtype: dtype, generator: &generator)
            textEmbedding = nil
            contextWidth = crossAttention ? width : nil
        case .textEmbeddings(let featureWidth, let length, let crossAttention):
            labelEmbedding = nil
            captionEmbedding = nil
            textEmbedding = TextFeatureEmbedding(featureWidth: featureWidth, length: length, width: width, dtype: dtype,
                                                 generator: &generator)
            contextWidth = crossAttention ? width : nil
        }
        positions = SinCosPositionEmbedding.table(width: width, side: configuration.patchesPerSide, dtype: dtype)
            .reshaped([1, configuration.tokens, width]).copy()
        blocks = (0..<configuration.depth).map { _ in
            DiTBlock(width: width, heads: configuration.heads, mlpRatio: configuration.mlpRatio,
                     contextWidth: contextWidth, dtype: dtype, generator: &generator)
        }
        finalLayer = DiTFinalLayer(width: width, patchSize: configuration.patchSize,
                                   channels: configuration.channels, dtype: dtype, generator: &generator)
        super.init()
        initializeAsReference(generator: &generator)
    }

    /// The condition that stands for "dropped" in a batch of `batch` images (the null label, all-padding captions,
    /// or text features of length 0, which the model replaces by its learned `y_embedding`).
    public func nullCondition(batch: Int) -> DiTCondition {
        if let labelEmbedding { return .labels(Array(repeating: labelEmbedding.count, count: batch)) }
        if let captionEmbedding {
            return .captions(Array(repeating: captionEmbedding.paddingToken, count: batch * captionEmbedding.length))
        }
        if let textEmbedding {
            return .textEmbeddings(Tensor.zeros([batch, textEmbedding.length, textEmbedding.featureWidth], dtype: textEmbedding.nullFeatures.dtype),
                                   lengths: Array(repeating: 0, count: batch))
        }
        return .none
    }

    /// Everything wrong with a call on `images` and `condition`, as sentences (empty when the call fits).
    public func problems(images shape: [Int], condition: DiTCondition) -> [String] {
        let c = configuration
        var problems: [String] = []
        let expected = [c.imageSize, c.imageSize, c.channels]
        if shape.count != 4 || Array(shape.dropFirst()) != expected {
            problems.append("images must be [B, \(c.imageSize), \(c.imageSize), \(c.channels)] (channel-last), got \(shape)")
        }
        let batch = shape.first ?? 0
        switch (condition, labelEmbedding, captionEmbedding, textEmbedding) {
        case (.none, nil, nil, nil): break
        case (.labels(let labels), let embedding?, _, _):
            if labels.count != batch { problems.append("\(labels.count) labels for a batch of \(batch)") }
            if let bad = labels.first(where: { !(0...embedding.count).contains($0) }) {
                problems.append("label \(bad) outside 0...\(embedding.count) (\(embedding.count) is the null label)")
            }
        case (.captions(let tokens), _, let embedding?, _):
            if tokens.count != batch * embedding.length {
                problems.append("\(tokens.count) caption tokens for a batch of \(batch) captions of \(embedding.length)")
            }
            if let bad = tokens.first(where: { !(0...embedding.paddingToken).contains($0) }) {
                problems.append("caption token \(bad) outside 0...\(embedding.paddingToken) (\(embedding.paddingToken) is padding)")
            }
        case (.textEmbeddings(let features, let lengths), _, _, let embedding?):
            if features.shape != [batch, embedding.length, embedding.featureWidth] {
                problems.append("text features must be [\(batch), \(embedding.length), \(embedding.featureWidth)], got \(features.shape)")
            }
            if lengths.count != batch { problems.append("\(lengths.count) text lengths for a batch of \(batch)") }
            if let bad = lengths.first(where: { !(0...embedding.length).contains($0) }) {
                problems.append("text length \(bad) outside 0...\(embedding.length) (0 is no caption)")
            }
        default:
            problems.append("condition \(condition) does not fit the model's conditioning \(c.conditioning)")
        }
        return problems
    }

    /// The velocity `[B, H, W, C]` at channel-last images `images` and flow times `t` (`[B]`, in `[0, 1]`).
    ///
    /// Shapes and condition must fit (see `problems(images:condition:)`; a misfit is a programming error here).
    public func callAsFunction(_ images: Tensor, t: Tensor, condition: DiTCondition = .none) -> Tensor {
        let problems = problems(images: images.shape, condition: condition)
        precondition(problems.isEmpty, DiTError(problems).description)
        precondition(t.shape == [images.shape[0]], "DiT: times must be [\(images.shape[0])], got \(t.shape)")
        let tokens = patchEmbedding(images) + positions
        var conditioning = timeEmbedding(t.converted(to: images.dtype) * configuration.timeScale)
        var context: Tensor?
        var contextMask: Tensor?
        switch condition {
        case .none: break
        case .labels(let labels): conditioning = conditioning + labelEmbedding!(labels)
        case .captions(let captionTokens):
            let embedded = captionEmbedding!(captionTokens)
            conditioning = conditioning + embedded.pooled
            context = embedded.context
        case .textEmbeddings(let features, let lengths):
            let embedded = textEmbedding!(features.converted(to: images.dtype), lengths: lengths)
            conditioning = conditioning + embedded.pooled
            if blocks.first?.crossAttention != nil {
                context = embedded.context
                contextMask = embedded.mask
            }
        }
        let hidden = blocks.reduce(tokens) { $1($0, condition: conditioning, context: context, contextMask: contextMask) }
        return ImagePatches.unpatchify(finalLayer(hidden, condition: conditioning), patchSize: configuration.patchSize,
                                       height: configuration.imageSize, width: configuration.imageSize)
    }

    /// DiT's `initialize_weights` (the adaLN layers already start at zero).
    private func initializeAsReference(generator: inout RandomGenerator) {
        ReferenceInitialization.linearLayers(of: self, generator: &generator)
        ReferenceInitialization.patchEmbedding(patchEmbedding, generator: &generator)
        ReferenceInitialization.timeEmbedding(timeEmbedding, generator: &generator)
        for case let linear? in [textEmbedding?.projection.hiddenLayer, textEmbedding?.projection.outputLayer] {
            linear.weight.assign(generator.normalTensor(linear.weight.shape, dtype: linear.weight.dtype) * 0.02)
        }
        for block in blocks { block.modulation.resetToZero() }
        ReferenceInitialization.zeroFinalLayer(finalLayer)
    }
}
