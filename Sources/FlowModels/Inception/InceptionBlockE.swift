import FlowNN
import FlowTensor

/// Inception block E (`mixed_9`, `mixed_10`, 8 x 8): 1 x 1; 1 x 1 → {1 x 3, 3 x 1}; 1 x 1 → 3 x 3 → {1 x 3, 3 x 1};
/// pool → 1 x 1. The pool is the TensorFlow graph's quirk: a 3 x 3 average (padding not counted) in `mixed_9`,
/// a 3 x 3 max pool in `mixed_10` (pytorch-fid's `FIDInceptionE_1` and `FIDInceptionE_2`).
final class InceptionBlockE: Module, UnaryLayer {
    /// The pool of the last branch.
    enum Pool { case average, maximum }

    let pool: Pool
    let conv: InceptionConvolution
    let towerConv: InceptionConvolution
    let towerMixed: [InceptionConvolution]
    let tower1Conv: [InceptionConvolution]
    let tower1Mixed: [InceptionConvolution]
    let tower2Conv: InceptionConvolution

    init(_ name: String, pool: Pool, _ reader: inout InceptionWeightReader) throws {
        self.pool = pool
        conv = try InceptionConvolution("\(name).conv", &reader)
        towerConv = try InceptionConvolution("\(name).tower_conv", &reader)
        towerMixed = try ["tower_mixed_conv", "tower_mixed_conv_1"].map { try InceptionConvolution("\(name).\($0)", &reader) }
        tower1Conv = try ["tower_1_conv", "tower_1_conv_1"].map { try InceptionConvolution("\(name).\($0)", &reader) }
        tower1Mixed = try ["tower_1_mixed_conv", "tower_1_mixed_conv_1"].map { try InceptionConvolution("\(name).\($0)", &reader) }
        tower2Conv = try InceptionConvolution("\(name).tower_2_conv", &reader)
    }

    func callAsFunction(_ x: Tensor) -> Tensor {
        let a = towerConv(x)
        let b = tower1Conv.reduce(x) { $1($0) }
        let pooled = pool == .average
            ? x.averagePool2D(kernel: [3, 3], stride: [1, 1], padding: [1, 1], countIncludePad: false)
            : x.maxPool2D(kernel: [3, 3], stride: [1, 1], padding: [1, 1])
        return Tensor.concatenate([conv(x), towerMixed[0](a), towerMixed[1](a), tower1Mixed[0](b), tower1Mixed[1](b),
                                   tower2Conv(pooled)], axis: 1)
    }
}
