import FlowNN
import FlowTensor

extension ImageTokenizerEncoder {
    /// An encoder loaded from a safetensors file of the encoder's parameter names (`patch_embed.proj.*`, `pos_embed`,
    /// `latent_tokens`, `blocks.N.*`, `norm.*`, `moments.*`, optionally under `encoder.`, as in a whole tokenizer's file), its sizes read from the
    /// tensor shapes; `heads` is the one size the shapes do not hold. A frozen alignment teacher from a user's file.
    ///
    /// ```swift
    /// let encoder = try ImageTokenizerEncoder.pretrained(try SafetensorsFile(url: url), heads: 4)
    /// let features = encoder.patchFeatures(images)   // [B, P, width]
    /// ```
    ///
    /// Throws a ``FlowTokError`` naming the file and the first tensor that is missing or has an unusable shape, or the
    /// loader's `StateDictionaryError` listing every missing, unexpected and mis-shaped name.
    public static func pretrained(_ file: SafetensorsFile, heads: Int, dtype: DType = .float32) throws -> ImageTokenizerEncoder {
        let prefix = file.tensors["encoder.patch_embed.proj.weight"] != nil ? "encoder." : ""
        func shape(_ name: String, rank: Int) throws -> [Int] {
            guard let info = file.tensors[prefix + name] else {
                throw FlowTokError(["\(file.url.path): no tensor '\(prefix + name)' (an image-tokenizer encoder file holds patch_embed.proj.*, pos_embed, latent_tokens, blocks.N.*, norm.* and moments.*)"])
            }
            guard info.shape.count == rank else {
                throw FlowTokError(["\(file.url.path): tensor '\(prefix + name)' is \(info.shape), expected \(rank) dimensions"])
            }
            return info.shape
        }
        let kernel = try shape("patch_embed.proj.weight", rank: 4)   // [width, channels, p, p]
        let positions = try shape("pos_embed", rank: 2)                // [P, width]
        let latents = try shape("latent_tokens", rank: 2)              // [L, width]
        let moments = try shape("moments.weight", rank: 2)             // [2d, width]
        let side = Int(Double(positions[0]).squareRoot().rounded())
        guard side * side == positions[0] else {
            throw FlowTokError(["\(file.url.path): pos_embed has \(positions[0]) patch positions, not a square grid"])
        }
        var depth = 0
        while file.tensors["\(prefix)blocks.\(depth).attn.qkv.weight"] != nil { depth += 1 }
        let configuration = ImageTokenizerConfiguration(
            imageSize: side * kernel[2], patchSize: kernel[2], channels: kernel[1], width: kernel[0], depth: depth,
            heads: heads, latentTokens: latents[0], latentChannels: moments[0] / 2)
        var problems = configuration.problems
        if kernel[0] % heads != 0 { problems.append("width \(kernel[0]) is not divisible by \(heads) heads") }
        guard problems.isEmpty else { throw FlowTokError(problems.map { "\(file.url.path): \($0)" }) }
        var generator = RandomGenerator(seed: 0)
        let encoder = ImageTokenizerEncoder(configuration: configuration, dtype: dtype, generator: &generator)
        try encoder.loadSafetensors(file, prefix: prefix)   // a whole tokenizer's decoder.* names are not read
        return encoder
    }
}
