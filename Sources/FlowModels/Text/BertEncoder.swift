import FlowNN
import FlowTensor

/// The stack of BERT layers (Hugging Face name `layer.<i>`).
public final class BertEncoder: Module {
    /// The layers, applied in order.
    public let layer: [BertLayer]

    /// `configuration.layers` layers.
    public init(configuration: BertConfiguration, generator: inout RandomGenerator) {
        layer = (0..<configuration.layers).map { _ in BertLayer(configuration: configuration, generator: &generator) }
    }

    /// Applies every layer to `x` `[B, L, width]`.
    public func callAsFunction(_ x: Tensor, mask: Tensor?) -> Tensor {
        layer.reduce(x) { hidden, layer in layer(hidden, mask: mask) }
    }
}
