import FlowNN
import FlowTensor

/// Inception block B (`mixed_3`, 35 → 17): 3 x 3 stride 2; 1 x 1 → 3 x 3 → 3 x 3 stride 2; 3 x 3 max pool stride 2.
final class InceptionBlockB: Module, UnaryLayer {
    let conv: InceptionConvolution
    let tower: [InceptionConvolution]

    init(_ name: String, _ reader: inout InceptionWeightReader) throws {
        conv = try InceptionConvolution("\(name).conv", &reader)
        tower = try ["conv", "conv_1", "conv_2"].map { try InceptionConvolution("\(name).tower.\($0)", &reader) }
    }

    func callAsFunction(_ x: Tensor) -> Tensor {
        Tensor.concatenate([conv(x), tower.reduce(x) { $1($0) }, x.maxPool2D(kernel: [3, 3], stride: [2, 2])], axis: 1)
    }
}
