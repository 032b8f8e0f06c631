import FlowTensor
@testable import FlowNN

/// A small velocity field `v(x_t, t)` for 2D flow matching: `[x_t, t]` through an MLP with SiLU.
final class VelocityMLP: Module {
    let network: Sequential

    init(width: Int, generator: inout RandomGenerator) {
        network = Sequential([
            Linear(3, width, generator: &generator), Activation(.silu),
            Linear(width, width, generator: &generator), Activation(.silu),
            Linear(width, width, generator: &generator), Activation(.silu),
            Linear(width, 2, generator: &generator),
        ])
    }

    /// The velocity at points `x` (`[B, 2]`) and times `t` (`[B]`).
    func callAsFunction(_ x: Tensor, _ t: Tensor) -> Tensor {
        network(Tensor.concatenate([x, t.reshaped([t.count, 1])], axis: -1))
    }
}
