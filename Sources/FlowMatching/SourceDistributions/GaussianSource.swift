import FlowTensor
import Foundation

/// The standard normal source `N(0, I)` of continuous flows.
public struct GaussianSource: Sendable {
    /// The source has no parameters.
    public init() {}

    /// A batch of standard normal draws.
    public func sample(_ shape: [Int], generator: inout RandomGenerator, dtype: DType = .float32) -> Tensor {
        generator.normalTensor(shape, dtype: dtype)
    }

    /// `log N(x; 0, I)` per batch row (summed over all non-batch dimensions), shape `[B]`.
    public func logDensity(_ x: Tensor) -> Tensor {
        let dimension = Double(x.count / x.shape[0])
        let squares = x.squared().reshaped([x.shape[0], -1]).sum(axes: [1])
        return squares * -0.5 - 0.5 * dimension * Foundation.log(2 * Double.pi)
    }
}
