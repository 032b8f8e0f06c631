import FlowTensor

/// Two linear layers with a nonlinearity between them, as timm's `Mlp` (`fc1`, `fc2`).
///
/// `y = fc2(activation(fc1(x)))`; the transformer feed-forward block.
public final class MLP: Module, UnaryLayer {
    /// The first layer, input → hidden (checkpoint key `fc1`).
    public let hiddenLayer: Linear
    /// The second layer, hidden → output (checkpoint key `fc2`).
    public let outputLayer: Linear
    /// The nonlinearity after the first layer.
    public let activation: ActivationFunction

    override public class var checkpointKeys: [String: String] { ["hiddenLayer": "fc1", "outputLayer": "fc2"] }

    /// An MLP `inputWidth → hiddenWidth → outputWidth` (output defaults to the input width).
    public init(inputWidth: Int, hiddenWidth: Int, outputWidth: Int? = nil, activation: ActivationFunction = .geluTanh,
                bias: Bool = true, dtype: DType = .float32, generator: inout RandomGenerator) {
        hiddenLayer = Linear(inputWidth, hiddenWidth, bias: bias, dtype: dtype, generator: &generator)
        outputLayer = Linear(hiddenWidth, outputWidth ?? inputWidth, bias: bias, dtype: dtype, generator: &generator)
        self.activation = activation
    }

    /// Applies the MLP to `x` of shape `[..., inputWidth]`.
    ///
    /// GELU and SiLU MLPs run as one fused op (`Tensor.feedForward`: the hidden activations stay in the cache,
    /// the same values bit for bit); the others as two `Linear` layers around the activation.
    public func callAsFunction(_ x: Tensor) -> Tensor {
        guard let fused = activation.feedForwardActivation else { return outputLayer(activation(hiddenLayer(x))) }
        precondition(x.shape.last == hiddenLayer.inputWidth, "MLP expects [..., \(hiddenLayer.inputWidth)], got \(x.shape)")
        return Tensor.feedForward(x, hiddenWeight: hiddenLayer.weight, hiddenBias: hiddenLayer.bias,
                                  outputWeight: outputLayer.weight, outputBias: outputLayer.bias, activation: fused)
    }
}
