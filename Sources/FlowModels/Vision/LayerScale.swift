import FlowNN
import FlowTensor

/// A learned per-channel scale of a residual branch, `x · gamma` (timm's and DINOv2's `LayerScale`, name `gamma`).
public final class LayerScale: Module, UnaryLayer {
    /// The `[width]` scales.
    public let gamma: Tensor

    /// Scales starting at `initialValue` (1e-5 in DINOv2).
    public init(width: Int, initialValue: Double = 1e-5) {
        let gamma = Tensor.full([width], initialValue)
        gamma.requiresGrad = true
        self.gamma = gamma
    }

    /// `x · gamma` over the last dimension.
    public func callAsFunction(_ x: Tensor) -> Tensor { x * gamma }
}
