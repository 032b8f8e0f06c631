import FlowNN
import FlowTensor
import Foundation

/// FlowTok's text-alignment loss: keeps the projected text tokens `z_T` (`[B, L, d]`) close to the semantics of
/// the text encoder's token states `[B, L, featureWidth]`, through a target of the same shape as `z_T`.
///
/// Contrastive (the paper's): with `Z` and `C` the flattened, L2-normalised text tokens and targets (`[B, L·d]`),
/// `logits = exp(τ) Z Cᵀ` and `L = (CE(logits, arange) + CE(logitsᵀ, arange)) / 2`; τ is learned from
/// `log(1 / 0.07)`. Cosine: `L = mean_b max(0, margin − cos(Z_b, C_b))`.
///
/// Parameters: `target.0.*`, `target.2.*`, `target.4.*` (the `mlp` target), `logit_scale` (contrastive).
public final class TextAlignment: Module {
    /// The target kind.
    public let targetKind: TextAlignmentTarget
    /// The loss kind.
    public let lossKind: TextAlignmentLoss
    /// The cosine loss's margin.
    public let margin: Double
    /// The text tokens' channels (d).
    public let latentChannels: Int
    /// The `mlp` target's layers, nil for `avg_pool` (checkpoint key `target`).
    public let target: Sequential?
    /// τ, the log of the contrastive logit scale (checkpoint key `logit_scale`); nil for `cosine`.
    public let logScale: Tensor?

    override public class var checkpointKeys: [String: String] { ["logScale": "logit_scale"] }

    /// An alignment of `featureWidth`-wide text states to `latentChannels` (d) channels.
    public init(featureWidth: Int, latentChannels: Int, target: TextAlignmentTarget, loss: TextAlignmentLoss,
                margin: Double = 1, hiddenWidth: Int = 512, dtype: DType = .float32, generator: inout RandomGenerator) throws {
        if target == .averagePool, featureWidth % latentChannels != 0 {
            throw FlowTokError(["avg_pool alignment needs the text feature width \(featureWidth) to be a multiple of latent_channels \(latentChannels); use target mlp"])
        }
        targetKind = target
        lossKind = loss
        self.margin = margin
        self.latentChannels = latentChannels
        self.target = target == .mlp ? Sequential([
            Linear(featureWidth, hiddenWidth, dtype: dtype, generator: &generator), Activation(.silu),
            Linear(hiddenWidth, hiddenWidth, dtype: dtype, generator: &generator), Activation(.silu),
            Linear(hiddenWidth, latentChannels, dtype: dtype, generator: &generator),
        ]) : nil
        logScale = loss == .contrastive
            ? FlowTokInitialization.learned(Tensor.full([1], Foundation.log(1 / 0.07), dtype: dtype)) : nil
    }

    /// The target `[B, L, d]` of text states `features` (`[B, L, featureWidth]`).
    public func targets(_ features: Tensor) -> Tensor {
        if let target { return target(features) }
        let shape = features.shape
        let group = shape[2] / latentChannels
        return features.reshaped([shape[0], shape[1], latentChannels, group]).mean(axes: [3])
    }

    /// The alignment loss of text tokens `z` (`[B, L, d]`) against text states `features`, a scalar.
    public func callAsFunction(_ z: Tensor, features: Tensor) -> Tensor {
        loss(z, targets: targets(features))
    }

    /// The alignment loss of text tokens `z` against targets of the same shape.
    public func loss(_ z: Tensor, targets: Tensor) -> Tensor {
        let batch = z.shape[0]
        let tokens = Self.normalized(z.reshaped([batch, -1]))
        let goals = Self.normalized(targets.reshaped([batch, -1]))
        switch lossKind {
        case .contrastive:
            let logits = Tensor.matmul(tokens, goals, transposeB: true) * logScale!.exp()
            let labels = Array(0..<batch)
            return (Tensor.crossEntropy(logits: logits, targets: labels)
                    + Tensor.crossEntropy(logits: logits.transposed(), targets: labels)) * 0.5
        case .cosine:
            let similarity = (tokens * goals).sum(axes: [1])
            return (margin - similarity).relu().mean()
        }
    }

    /// Rows of `x` (`[B, D]`) divided by their L2 norms (at least 1e-12, as `F.normalize`).
    static func normalized(_ x: Tensor) -> Tensor {
        x / x.squared().sum(axes: [1], keepDims: true).sqrt().clamped(min: 1e-12, max: .infinity)
    }
}
