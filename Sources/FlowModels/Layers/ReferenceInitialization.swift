import FlowNN
import FlowTensor

/// The initialisation of DiT's `initialize_weights`, shared by the models built from its parts (DiT, CrossFlows).
///
/// Xavier-uniform linear layers with zero biases, a Xavier-uniform patch convolution, an N(0, 0.02²) timestep
/// MLP, and adaLN-Zero: zero modulations (`AdaLNModulation.resetToZero`) and a zero final layer.
///
/// ```swift
/// ReferenceInitialization.linearLayers(of: model, generator: &generator)
/// ReferenceInitialization.patchEmbedding(model.patchEmbedding, generator: &generator)
/// ReferenceInitialization.timeEmbedding(model.timeEmbedding, generator: &generator)
/// ```
enum ReferenceInitialization {
    /// Every `Linear` inside `module` (in `namedModules()` order): Xavier-uniform weight, zero bias.
    static func linearLayers(of module: Module, generator: inout RandomGenerator) {
        for (_, module) in module.namedModules() {
            guard let linear = module as? Linear else { continue }
            xavierUniform(linear.weight, fanIn: linear.inputWidth, fanOut: linear.outputWidth, generator: &generator)
            linear.bias?.assign(Tensor.zeros(linear.bias!.shape, dtype: linear.bias!.dtype))
        }
    }

    /// The patch convolution as a linear map of flattened patches: Xavier-uniform weight, zero bias.
    static func patchEmbedding(_ embedding: PatchEmbedding, generator: inout RandomGenerator) {
        let projection = embedding.projection
        xavierUniform(projection.weight, fanIn: projection.channels * projection.patchSize * projection.patchSize,
                      fanOut: projection.width, generator: &generator)
        projection.bias.assign(Tensor.zeros(projection.bias.shape, dtype: projection.bias.dtype))
    }

    /// The timestep MLP's weights from N(0, 0.02²) (biases as `linearLayers` left them).
    static func timeEmbedding(_ embedding: SinusoidalTimeEmbedding, generator: inout RandomGenerator) {
        for case let linear as Linear in embedding.mlp?.layers ?? [] {
            linear.weight.assign(generator.normalTensor(linear.weight.shape, dtype: linear.weight.dtype) * 0.02)
        }
    }

    /// A final layer that outputs zero at first: zero modulation and zero projection weight (adaLN-Zero).
    static func zeroFinalLayer(_ layer: DiTFinalLayer) {
        layer.modulation.resetToZero()
        layer.linear.weight.assign(Tensor.zeros(layer.linear.weight.shape, dtype: layer.linear.weight.dtype))
    }

    /// Fills `weight` from `U(-a, a)`, `a = √(6 / (fanIn + fanOut))` (PyTorch's `xavier_uniform_`).
    static func xavierUniform(_ weight: Tensor, fanIn: Int, fanOut: Int, generator: inout RandomGenerator) {
        let bound = (6 / Double(fanIn + fanOut)).squareRoot()
        weight.assign(generator.uniformTensor(weight.shape, lower: -bound, upper: bound, dtype: weight.dtype))
    }
}
