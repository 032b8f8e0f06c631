import FlowTensor

/// A parameter-free layer applying an `ActivationFunction`, for use in a `Sequential`.
public final class Activation: Module, UnaryLayer {
    /// The function applied.
    public let function: ActivationFunction

    /// A layer applying `function`.
    public init(_ function: ActivationFunction) {
        self.function = function
    }

    /// Applies the function elementwise.
    public func callAsFunction(_ x: Tensor) -> Tensor { function(x) }
}
