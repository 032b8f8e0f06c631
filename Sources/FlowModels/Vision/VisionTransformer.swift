import Foundation
import FlowNN
import FlowTensor

/// A Vision Transformer with timm's parameter names and DINOv2's options (layer scale, register tokens), so a
/// pretrained `model.safetensors` loads by name: `patch_embed.proj`, `cls_token`, `pos_embed`, `register_tokens`,
/// `blocks.<i>.*`, `norm`.
///
/// Tokens are laid out as DINOv2 does: `[cls, patches] + pos_embed`, then the registers inserted after the class
/// token, so the output is `[B, 1 + registers + patches, width]`. Classifier heads and DINOv2's `mask_token` are
/// not part of the encoder and are skipped when loading.
///
/// ```swift
/// let file = try SafetensorsFile(url: URL(fileURLWithPath: "dinov2_vits14_reg.safetensors"))
/// let vit = try VisionTransformer.pretrained(file, heads: 6)      // sizes read from the tensor shapes
/// let tokens = vit(images)                                       // images: [B, 3, 518, 518], normalised
/// let features = vit.hiddenStates(images, layers: [8])[0]         // a REPA target: block 8's output
/// ```
public final class VisionTransformer: Module {
    /// The sizes and layout.
    public let configuration: VisionTransformerConfiguration
    /// The patch projection (checkpoint key `patch_embed.proj`).
    public let patchEmbedding: PatchEmbedding
    /// The `[1, 1, width]` class token.
    public let classToken: Tensor
    /// The `[1, 1 + patches, width]` learned positions (class token first).
    public let positionEmbedding: Tensor
    /// The `[1, registers, width]` register tokens, or nil without registers.
    public let registerTokens: Tensor?
    /// The transformer blocks.
    public let blocks: [VisionTransformerBlock]
    /// The final normalisation.
    public let norm: LayerNorm

    override public class var checkpointKeys: [String: String] {
        ["patchEmbedding": "patch_embed", "classToken": "cls_token", "positionEmbedding": "pos_embed",
         "registerTokens": "register_tokens"]
    }

    /// Checkpoint names the encoder does not use: classifier heads, DINOv2's `mask_token`, timm's `fc_norm`-free heads.
    public static func unusedCheckpointNames(_ name: String) -> Bool {
        name.hasPrefix("head.") || name == "head" || name == "mask_token" || name.hasPrefix("head_drop")
    }

    /// timm spells the register tokens `reg_token`; every other name is shared.
    public static func checkpointName(_ name: String) -> String {
        name == "reg_token" ? "register_tokens" : name
    }

    /// A randomly initialised model (class and register tokens and positions drawn from N(0, 0.02²)).
    public init(configuration: VisionTransformerConfiguration, generator: inout RandomGenerator) {
        self.configuration = configuration
        let width = configuration.width
        patchEmbedding = PatchEmbedding(patchSize: configuration.patchSize, channels: configuration.channels,
                                        width: width, layout: .channelsFirst, generator: &generator)
        func parameter(_ shape: [Int]) -> Tensor {
            let tensor = generator.normalTensor(shape) * 0.02
            let leaf = tensor.detached()
            leaf.requiresGrad = true
            return leaf
        }
        classToken = parameter([1, 1, width])
        positionEmbedding = parameter([1, 1 + configuration.patchCount, width])
        registerTokens = configuration.registerTokens > 0 ? parameter([1, configuration.registerTokens, width]) : nil
        blocks = (0..<configuration.depth).map { _ in VisionTransformerBlock(configuration: configuration, generator: &generator) }
        norm = LayerNorm(width, epsilon: configuration.layerNormEpsilon)
    }

    /// A model sized from `file`'s shapes (`heads` must be given) with its weights loaded by name: timm's and
    /// DINOv2's names, or transformers' (`embeddings.*`, `encoder.layer.N.*`, the `facebook/dinov2-*` files).
    public static func pretrained(_ file: SafetensorsFile, heads: Int, layerNormEpsilon: Double = 1e-6) throws -> VisionTransformer {
        var generator = RandomGenerator(seed: 0)
        guard hasTransformersNames(file) else {
            let configuration = try VisionTransformerConfiguration.inferred(from: file, heads: heads, layerNormEpsilon: layerNormEpsilon)
            let model = VisionTransformer(configuration: configuration, generator: &generator)
            try model.loadSafetensors(file, ignoring: unusedCheckpointNames, renaming: checkpointName)
            return model
        }
        let state = try timmStateDictionary(transformers: file).filter { !unusedCheckpointNames($0.key) }
        let configuration = try VisionTransformerConfiguration.inferred(shapes: state.mapValues(\.shape), source: file.url.path,
                                                                        heads: heads, layerNormEpsilon: layerNormEpsilon)
        let model = VisionTransformer(configuration: configuration, generator: &generator)
        do {
            try model.loadStateDict(state)
        } catch var error as StateDictionaryError {
            error.context = "safetensors file \(file.url.path) (transformers' names, read as timm's)"
            throw error
        }
        return model
    }

    /// The same network reading `grid`×`grid` patches: its position table resampled by bicubic interpolation
    /// (``BicubicResampling``; `antialiased` as DINOv2 with registers does, plain as DINOv2 without), the class
    /// token's position kept. At its own grid it is returned unchanged.
    public func resampled(toGrid grid: Int, antialiased: Bool) throws -> VisionTransformer {
        guard grid != configuration.gridSize else { return self }
        var sizes = configuration
        sizes.imageSize = grid * configuration.patchSize
        var generator = RandomGenerator(seed: 0)
        let model = VisionTransformer(configuration: sizes, generator: &generator)
        var state = stateDict()
        let width = configuration.width, side = configuration.gridSize
        let table = positionEmbedding.detached().slice(axis: 1, 1..<(1 + side * side))
            .reshaped([side, side, width]).permuted([2, 0, 1])                                   // [width, side, side]
        let resampled = BicubicResampling(from: side, to: grid, antialiased: antialiased)(table)
            .permuted([1, 2, 0]).reshaped([1, grid * grid, width])
        state["pos_embed"] = Tensor.concatenate([positionEmbedding.detached().slice(axis: 1, 0..<1), resampled], axis: 1)
        try model.loadStateDict(state)
        return model
    }

    /// The normalised output tokens `[B, 1 + registers + patches, width]` of images `[B, channels, size, size]`.
    public func callAsFunction(_ images: Tensor) -> Tensor {
        norm(blocks.reduce(embed(images)) { tokens, block in block(tokens) })
    }

    /// The tokens after each block in `layers` (1-based block counts, as REPA counts them), not normalised.
    public func hiddenStates(_ images: Tensor, layers: [Int]) -> [Tensor] {
        precondition(layers.allSatisfy { (1...blocks.count).contains($0) }, "layers \(layers) outside 1...\(blocks.count)")
        var tokens = embed(images)
        var states: [Int: Tensor] = [:]
        for (index, block) in blocks.enumerated() where index < (layers.max() ?? 0) {
            tokens = block(tokens)
            states[index + 1] = tokens
        }
        return layers.map { states[$0]! }
    }

    /// The final normalised patch tokens `[B, patches, width]` (DINOv2's `x_norm_patchtokens`, REPA's target) and,
    /// for each 0-based block in `attentionBlocks`, that block's pre-softmax attention logits among the patch tokens
    /// `[B, heads, patches, patches]`: the class token and registers are dropped from queries and keys (HASTE's
    /// teacher attention).
    public func patchFeatures(_ images: Tensor, attentionBlocks: Set<Int>) -> (features: Tensor, attention: [Int: Tensor]) {
        let patches = (1 + configuration.registerTokens)..<(1 + configuration.registerTokens + configuration.patchCount)
        var attention: [Int: Tensor] = [:]
        var tokens = embed(images)
        for (index, block) in blocks.enumerated() {
            if attentionBlocks.contains(index) {
                attention[index] = block.attention.logits(block.norm1(tokens)).slice(axis: 2, patches).slice(axis: 3, patches)
            }
            tokens = block(tokens)
        }
        return (norm(tokens).slice(axis: 1, patches), attention)
    }

    /// `[cls, patches] + positions`, then the registers after the class token.
    private func embed(_ images: Tensor) -> Tensor {
        precondition(images.rank == 4 && images.shape[2] == configuration.imageSize && images.shape[3] == configuration.imageSize,
                     "VisionTransformer expects [B, \(configuration.channels), \(configuration.imageSize), \(configuration.imageSize)], got \(images.shape)")
        let batch = images.shape[0]
        let patches = patchEmbedding(images)
        let classTokens = classToken.broadcast(to: [batch, 1, configuration.width])
        let tokens = Tensor.concatenate([classTokens, patches], axis: 1) + positionEmbedding
        guard let registerTokens else { return tokens }
        let registers = registerTokens.broadcast(to: [batch, configuration.registerTokens, configuration.width])
        return Tensor.concatenate([tokens.slice(axis: 1, 0..<1), registers, tokens.slice(axis: 1, 1..<tokens.shape[1])], axis: 1)
    }
}
