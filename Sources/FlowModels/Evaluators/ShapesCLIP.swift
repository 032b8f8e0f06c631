import FlowData
import FlowNN
import FlowTensor
import Foundation

/// FlowLab's `shapes` contrastive image-text encoder: a small CLIP trained on `shapes` captions, for CLIPScore.
///
/// Two towers, `image` (`ShapesCLIPImageEncoder`, the scene reader's cell windows) and `text`
/// (`ShapesCLIPTextEncoder`, a small transformer over `WordTokenizer.shapes` tokens), project to one
/// width and are L2-normalised; their cosine is the CLIPScore of a pair. Training minimises CLIP's
/// symmetric InfoNCE with a learned temperature (Radford et al. 2021):
///
///     logits = exp(t) · Î Tᵀ,   loss = ½ [CE(logits, diag) + CE(logitsᵀ, diag)],
///
/// with `t = logit_scale` initialised to log(1/0.07) and clamped to [0, log 100] after every step, as CLIP does.
///
/// ```swift
/// let clip = ShapesCLIP(configuration: ShapesCLIPConfiguration(), generator: &generator)
/// let loss = clip.loss(pixels: pixels, captions: captions)         // one caption per image
/// let images = clip.imageEmbeddings(pixels: pixels, count: n)       // [n * 64], unit rows
/// let texts = clip.textEmbeddings(captions)
/// ```
public final class ShapesCLIP: Module {
    /// The encoders' sizes.
    public let configuration: ShapesCLIPConfiguration
    /// The image tower (checkpoint key `visual`, as in CLIP).
    let image: ShapesCLIPImageEncoder
    /// The text tower (checkpoint key `text`).
    let text: ShapesCLIPTextEncoder
    /// The log of the inverse temperature, a scalar `[1]` (checkpoint key `logit_scale`).
    public let logitScale: Tensor

    /// The initial `logit_scale`: log(1 / 0.07).
    public static let initialLogitScale = log(1 / 0.07)
    /// The largest `logit_scale`: log 100 (CLIP's clamp).
    public static let maximumLogitScale = log(100.0)

    override public class var checkpointKeys: [String: String] { ["image": "visual", "logitScale": "logit_scale"] }

    /// A freshly initialised encoder (weights drawn from `generator`).
    public init(configuration: ShapesCLIPConfiguration, generator: inout RandomGenerator) {
        self.configuration = configuration
        image = ShapesCLIPImageEncoder(configuration: configuration, generator: &generator)
        text = ShapesCLIPTextEncoder(configuration: configuration, generator: &generator)
        let scale = Tensor(shape: [1], scalars: [Float(Self.initialLogitScale)])
        scale.requiresGrad = true
        logitScale = scale
    }

    /// Rows of `x` divided by their L2 norms.
    static func normalized(_ x: Tensor) -> Tensor {
        x / (x.squared().sum(axes: [1], keepDims: true) + 1e-12).sqrt()
    }

    /// The unit-length image embeddings `[count, embeddingWidth]` of uint8 images `[count, S, S, 3]` (with gradients).
    public func encodeImages(pixels: [UInt8], count: Int) -> Tensor {
        precondition(pixels.count == count * configuration.imageSize * configuration.imageSize * 3,
                     "ShapesCLIP: \(pixels.count) bytes are not \(count) images of \(configuration.imageSize) px")
        return Self.normalized(image(pixels: pixels, count: count))
    }

    /// The unit-length text embeddings `[captions.count, embeddingWidth]` (with gradients).
    public func encodeTexts(_ captions: [String]) -> Tensor {
        Self.normalized(text(captions))
    }

    /// CLIP's symmetric InfoNCE of images and their captions (row i with caption i), at the learned temperature.
    public func loss(pixels: [UInt8], captions: [String]) -> Tensor {
        Self.contrastiveLoss(images: image(pixels: pixels, count: captions.count), texts: text(captions), logitScale: logitScale)
    }

    /// CLIP's symmetric InfoNCE of row-paired embeddings `[B, D]` (normalised here) at inverse temperature `exp(logitScale)`.
    ///
    /// `½ [CE(exp(t) Î Tᵀ, diag) + CE(exp(t) T Îᵀ, diag)]`, as open_clip's `ClipLoss` (parity: `Scripts/fixtures/shapes_clip_loss_make_fixture.py`).
    public static func contrastiveLoss(images: Tensor, texts: Tensor, logitScale: Tensor) -> Tensor {
        let logits = Tensor.matmul(normalized(images), normalized(texts), transposeB: true) * logitScale.exp()
        let diagonal = Array(0..<images.shape[0])
        return (Tensor.crossEntropy(logits: logits, targets: diagonal)
                + Tensor.crossEntropy(logits: logits.transposed(), targets: diagonal)) * 0.5
    }

    /// Clamps `logit_scale` to [0, log 100] in place (after each optimiser step, as CLIP does).
    public func clampLogitScale() {
        logitScale.withUnsafeMutableBuffer(Float.self) { buffer in
            buffer[0] = min(max(buffer[0], 0), Float(Self.maximumLogitScale))
        }
    }

    /// The unit-length image embeddings of `count` images, `[count · embeddingWidth]` row-major, without gradients.
    public func imageEmbeddings(pixels: [UInt8], count: Int) -> [Float] {
        withNoGradient { encodeImages(pixels: pixels, count: count).floats }
    }

    /// The unit-length text embeddings of captions, `[captions.count · embeddingWidth]` row-major, without gradients.
    public func textEmbeddings(_ captions: [String]) -> [Float] {
        withNoGradient { encodeTexts(captions).floats }
    }

    /// The temperature's inverse, `exp(logit_scale)`.
    public var inverseTemperature: Double { exp(Double(logitScale.floats[0])) }
}
