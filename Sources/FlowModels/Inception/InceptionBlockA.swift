import FlowNN
import FlowTensor

/// Inception block A (`mixed`, `mixed_1`, `mixed_2`, 35 x 35): 1 x 1; 1 x 1 → 5 x 5; 1 x 1 → 3 x 3 → 3 x 3;
/// 3 x 3 average pool (padding not counted) → 1 x 1; concatenated over channels in that order.
final class InceptionBlockA: Module, UnaryLayer {
    let conv: InceptionConvolution
    let tower: [InceptionConvolution]
    let tower1: [InceptionConvolution]
    let tower2: InceptionConvolution

    init(_ name: String, _ reader: inout InceptionWeightReader) throws {
        conv = try InceptionConvolution("\(name).conv", &reader)
        tower = try ["conv", "conv_1"].map { try InceptionConvolution("\(name).tower.\($0)", &reader) }
        tower1 = try ["conv", "conv_1", "conv_2"].map { try InceptionConvolution("\(name).tower_1.\($0)", &reader) }
        tower2 = try InceptionConvolution("\(name).tower_2.conv", &reader)
    }

    func callAsFunction(_ x: Tensor) -> Tensor {
        let pooled = x.averagePool2D(kernel: [3, 3], stride: [1, 1], padding: [1, 1], countIncludePad: false)
        return Tensor.concatenate([conv(x), tower.reduce(x) { $1($0) }, tower1.reduce(x) { $1($0) }, tower2(pooled)], axis: 1)
    }
}
