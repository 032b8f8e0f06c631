import FlowTensor

/// A frozen image encoder whose patch features and patch attention the alignment terms (REPA, HASTE) read: a FlowTok
/// tokenizer's encoder (``ImageTokenizerEncoder``) or a pretrained ViT such as DINOv2 (``VisionTransformerTeacher``).
public protocol AlignmentTeacherEncoder: AnyObject {
    /// The patch features `[B, P, width]` of images `[B, size, size, channels]` in [−1, 1], one row per student token
    /// in row-major order, and, for each 0-based block in `attentionBlocks`, that block's pre-softmax attention logits
    /// among the patch tokens `[B, heads, P, P]`.
    func patchFeatures(_ images: Tensor, attentionBlocks: Set<Int>) -> (features: Tensor, attention: [Int: Tensor])
}

extension ImageTokenizerEncoder: AlignmentTeacherEncoder {}
