/// A frozen alignment teacher from a user's weights file, `model.teacher: {weights: PATH, heads: N}`, whose sizes are
/// read from its tensor shapes: a safetensors file of an image-tokenizer encoder's parameter names
/// (`patch_embed.proj.*`, `pos_embed`, `latent_tokens`, `blocks.N.*`, `norm.*`, `moments.*`, optionally under
/// `encoder.`), or a pretrained ViT's such as DINOv2's (timm's names with `cls_token`, or transformers'
/// `facebook/dinov2-*` files), which reads the images resized to the image flow's grid (``VisionTransformerTeacher``).
///
/// ```yaml
/// model:
///   name: crossflows
///   teacher: {weights: Weights/dinov2-small.safetensors, heads: 6}
/// ```
struct AlignmentTeacherWeights: Decodable, Sendable, Equatable {
    /// The safetensors file, relative to the working directory.
    var weights: String
    /// The encoder's attention heads (the one size the tensor shapes do not hold).
    var heads: Int

    enum CodingKeys: String, CodingKey { case weights, heads }

    init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        weights = try container.decode(String.self, forKey: .weights)
        heads = try container.decode(Int.self, forKey: .heads, where: .within(1...64))
    }
}
