import FlowNN
import FlowTensor

/// BERT's post-LN residual step `LayerNorm(dense(x) + residual)` (Hugging Face's `BertSelfOutput` and
/// `BertOutput`: names `dense`, `LayerNorm`).
public final class BertResidualOutput: Module {
    /// The projection back to the model width.
    public let dense: Linear
    /// The normalisation after the residual sum.
    public let layerNorm: LayerNorm

    override public class var checkpointKeys: [String: String] { ["layerNorm": "LayerNorm"] }

    /// A step from `inputWidth` features back to `width`.
    public init(inputWidth: Int, width: Int, epsilon: Double, generator: inout RandomGenerator) {
        dense = Linear(inputWidth, width, generator: &generator)
        layerNorm = LayerNorm(width, epsilon: epsilon)
    }

    /// `LayerNorm(dense(x) + residual)`.
    public func callAsFunction(_ x: Tensor, residual: Tensor) -> Tensor {
        layerNorm(dense(x) + residual)
    }
}
