import FlowNN
import FlowTensor

/// The TensorFlow Inception's `Conv2dLayer`: convolution, batch norm (folded into the convolution), ReLU.
final class InceptionConvolution: Module, UnaryLayer {
    let convolution: Conv2d

    init(_ name: String, _ reader: inout InceptionWeightReader) throws {
        convolution = try reader.convolution(name)
    }

    func callAsFunction(_ x: Tensor) -> Tensor { convolution(x).relu() }
}
