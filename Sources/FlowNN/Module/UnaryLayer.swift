import FlowTensor

/// A module that maps one tensor to one tensor, so it can be chained in a `Sequential`.
public protocol UnaryLayer: Module {
    /// Applies the layer.
    func callAsFunction(_ x: Tensor) -> Tensor
}
