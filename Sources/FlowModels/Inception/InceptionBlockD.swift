import FlowNN
import FlowTensor

/// Inception block D (`mixed_8`, 17 → 8): 1 x 1 → 3 x 3 stride 2; 1 x 1 → 1 x 7 → 7 x 1 → 3 x 3 stride 2;
/// 3 x 3 max pool stride 2.
final class InceptionBlockD: Module, UnaryLayer {
    let tower: [InceptionConvolution]
    let tower1: [InceptionConvolution]

    init(_ name: String, _ reader: inout InceptionWeightReader) throws {
        tower = try ["conv", "conv_1"].map { try InceptionConvolution("\(name).tower.\($0)", &reader) }
        tower1 = try ["conv", "conv_1", "conv_2", "conv_3"].map { try InceptionConvolution("\(name).tower_1.\($0)", &reader) }
    }

    func callAsFunction(_ x: Tensor) -> Tensor {
        Tensor.concatenate([tower.reduce(x) { $1($0) }, tower1.reduce(x) { $1($0) },
                            x.maxPool2D(kernel: [3, 3], stride: [2, 2])], axis: 1)
    }
}
