import FlowNN
import FlowTensor

/// `depth` hidden layers of `Linear → SiLU`, then a `Linear` to `outputWidth`: the trunk of the toy flows.
func makeMLPStack(inputWidth: Int, hiddenWidth: Int, depth: Int, outputWidth: Int,
                  generator: inout RandomGenerator) -> Sequential {
    var layers: [any UnaryLayer] = []
    var width = inputWidth
    for _ in 0..<depth {
        layers.append(Linear(width, hiddenWidth, generator: &generator))
        layers.append(Activation(.silu))
        width = hiddenWidth
    }
    layers.append(Linear(width, outputWidth, generator: &generator))
    return Sequential(layers)
}
