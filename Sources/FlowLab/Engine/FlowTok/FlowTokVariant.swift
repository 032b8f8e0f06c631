/// One variant of a FlowTok experiment (the spec itself when it has no `variants:`): its resolved spec, its FlowTok
/// options, the CFG-indicator scales it samples at, and the variant whose trained model it samples.
///
/// Variants that change only `sample:` (Euler steps, scales) share the first such variant's model (`modelKey`), so
/// sampling settings vary without retraining:
///
/// ```yaml
/// variants:
///   steps10: {sample: {steps: 10}}
///   s3: {sample: {guidance: {name: cfg, scales: [3.0]}}}
/// ```
struct FlowTokVariant {
    let name: String
    let spec: ExperimentSpec
    /// The name of the variant whose trained model this one samples (its own when its training settings are new).
    let modelKey: String
    let options: FlowTokOptions
    /// The CFG-indicator scales of `sample.guidance` (`cfg` with `scales`); s = 2 when it names none.
    let scales: [Double]

    /// The variant `name` of spec `spec`; its model must be `flowtok`.
    init(name: String, spec: ExperimentSpec, modelKey: String, registry: ComponentRegistry) throws {
        guard let options = try registry.make(Any.self, .model, from: spec.model) as? FlowTokOptions else {
            throw SpecError(location: spec.model.location, keyPath: "variants.\(name).model",
                            message: "variant '\(name)' changes the model to '\(spec.model.name)'; a FlowTok experiment's variants keep model 'flowtok'")
        }
        var scales = [2.0]
        if let guidance = spec.sample.guidance, case .classifierFree(let values) = try registry.make(GuidanceChoice.self, .guidance, from: guidance) {
            scales = values
        }
        self.name = name
        self.spec = spec
        self.modelKey = modelKey
        self.options = options
        self.scales = scales
    }
}
