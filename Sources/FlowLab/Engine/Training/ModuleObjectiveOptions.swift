import FlowNN
import FlowTensor

/// Options of a model with its own objective whose whole trained state is one module built for captioned-image data;
/// its parameter shapes (for `init:` fit checks) come from a fresh module.
protocol ModuleObjectiveOptions: ObjectiveModelOptions {
    associatedtype Model: Module
    /// A fresh module of `spec` for `data`; sizes that do not fit are a located error at `model`.
    func makeModel(spec: ExperimentSpec, data: CaptionedImageData, generator: inout RandomGenerator) throws -> Model
}

extension ModuleObjectiveOptions {
    func parameterShapes(spec: ExperimentSpec, registry: ComponentRegistry) throws -> [String: [Int]] {
        let data = try CaptionedImageData.load(spec, registry: registry)
        var generator = RandomGenerator(seed: 0)
        return try makeModel(spec: spec, data: data, generator: &generator).stateDict().mapValues(\.shape)
    }
}
