/// How sampling is guided.
public enum GuidanceChoice: Sendable, Equatable {
    /// Classifier-free guidance of a label-conditioned flow, one sampling configuration per scale.
    case classifierFree(scales: [Double])
    /// Cross-guidance: the discrete state starts from the prompt and evolves; optional CFG on the velocity.
    case crossGuidance(scale: Double?)
    /// The joint model with the prompt held fixed (the conventional conditional model); optional CFG.
    case frozenPrompt(scale: Double?)
    /// Both states start from their sources (unconditional joint generation).
    case unconditional
    /// Image to text (captioning): the image is held at a test image (clean, or on its probability path), the caption
    /// flows from its source.
    case imageToText(ImageToTextChoice)
    /// Inpainting by inversion (CrossFlows App. C.2): a region of each test image is cut out, the image flow is
    /// solved backwards to its noise with the test prompt held, then forwards from (noise, prompt) by cross-guidance.
    case inpainting(InpaintingChoice)

    /// Whether this is `image_to_text` (captioning), whatever its options.
    var isImageToText: Bool {
        if case .imageToText = self { return true }
        return false
    }
}
