import FlowNN
import FlowTensor

/// BERT's feed-forward expansion `GELU(dense(x))` with exact (erf) GELU (Hugging Face name `dense`).
public final class BertIntermediate: Module {
    /// The expansion to the intermediate width.
    public let dense: Linear

    /// An expansion from `width` to `intermediateWidth` features.
    public init(width: Int, intermediateWidth: Int, generator: inout RandomGenerator) {
        dense = Linear(width, intermediateWidth, generator: &generator)
    }

    /// `GELU(dense(x))`.
    public func callAsFunction(_ x: Tensor) -> Tensor { dense(x).geluErf() }
}
