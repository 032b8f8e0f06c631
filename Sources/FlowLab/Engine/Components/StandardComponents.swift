import FlowMatching

extension ComponentRegistry {
    /// Every component FlowLab ships, by kind and name: what a spec may name.
    public static let standard: ComponentRegistry = {
        var registry = ComponentRegistry()
        registry.register(.scheduler, "condot") { CondOTScheduler() as any Scheduler }
        registry.register(.alignment, "repa", options: RepaOptions.self) { $0 }
        registry.register(.alignment, "haste_attention", options: AttentionAlignmentOptions.self) { $0 }
        registry.register(.scheduler, "polynomial", options: PolynomialOptions.self) {
            PolynomialConvexScheduler(exponent: $0.n) as any Scheduler
        }
        registry.register(.scheduler, "cosine") { CosineScheduler() as any Scheduler }
        registry.register(.scheduler, "linear_vp") { LinearVPScheduler() as any Scheduler }
        registry.register(.scheduler, "vp", options: VariancePreservingOptions.self) {
            VPScheduler(betaMinimum: $0.betaMinimum, betaMaximum: $0.betaMaximum) as any Scheduler
        }

        registry.register(.path, "affine") { PathChoice.affine }
        registry.register(.path, "mixture") { PathChoice.mixture }

        registry.register(.source, "gaussian") { SourceChoice.gaussian }
        registry.register(.source, "uniform") { SourceChoice.uniform }
        registry.register(.source, "mask") { SourceChoice.mask }
        registry.register(.source, "cross_guidance", options: CrossGuidanceSourceOptions.self) {
            SourceChoice.crossGuidance(base: ["mask": .mask, "gaussian": .gaussian][$0.base] ?? .uniform, probability: $0.probability)
        }

        registry.register(.timeSampler, "uniform", options: UniformTimeOptions.self) {
            $0.upper == 1 ? TimeSampler.uniform : TimeSampler.uniformBelow(upper: $0.upper)
        }
        registry.register(.timeSampler, "logit_normal", options: NormalTimeOptions.self) {
            TimeSampler.logitNormal(mean: $0.mean, standardDeviation: $0.standardDeviation)
        }
        registry.register(.timeSampler, "skewed", options: SkewedTimeOptions.self) {
            TimeSampler.skewed(mean: $0.normal.mean, standardDeviation: $0.normal.standardDeviation)
        }

        for loss in [LossChoice.meanSquaredError, .crossEntropy, .generalizedKL] {
            registry.register(.loss, loss.rawValue) { loss }
        }

        for method in ODEMethod.allCases {
            registry.register(.solver, method.rawValue, options: SolverOptions.self) { options in
                SolverChoice(method: method,
                             discreteUpdate: options.discrete == "jump_schedule"
                                 ? .jumpSchedule : .euler(divergenceFree: options.divergenceFree, sourceProbabilities: nil),
                             discreteSteps: options.discreteSteps)
            }
        }

        registry.register(.guidance, "cfg", options: ClassifierFreeOptions.self) { GuidanceChoice.classifierFree(scales: $0.scales) }
        registry.register(.guidance, "cross", options: JointGuidanceOptions.self) { GuidanceChoice.crossGuidance(scale: $0.cfgScale) }
        registry.register(.guidance, "frozen_prompt", options: JointGuidanceOptions.self) {
            GuidanceChoice.frozenPrompt(scale: $0.cfgScale)
        }
        registry.register(.guidance, "unconditional") { GuidanceChoice.unconditional }
        registry.register(.guidance, "image_to_text", options: ImageToTextChoice.self) { GuidanceChoice.imageToText($0) }
        registry.register(.guidance, "inpaint", options: InpaintingChoice.self) { GuidanceChoice.inpainting($0) }

        registry.register(.model, "mlp_flow", options: MLPFlowOptions.self) { $0 }
        registry.register(.model, "dit", options: DiTFlowOptions.self) { $0 }
        registry.register(.model, "crossflows", options: CrossFlowsFlowOptions.self) { $0 }
        registry.register(.model, FlowTokTokenizerOptions.name, options: FlowTokTokenizerOptions.self) { $0 }
        registry.register(.model, FlowTokTextOptions.name, options: FlowTokTextOptions.self) { $0 }
        registry.register(.model, FlowTokOptions.name, options: FlowTokOptions.self) { $0 }
        registry.register(.model, FlowTokImageToTextOptions.name, options: FlowTokImageToTextOptions.self) { $0 }
        registry.register(.dataset, "gaussian_grid", options: GaussianGridOptions.self) { $0.dataset }
        registry.register(.dataset, "shapes", options: ShapesDataOptions.self) { $0 as any CaptionedImageDataOptions }
        registry.register(.dataset, "hdf5", options: HDF5DataOptions.self) { $0 as any CaptionedImageDataOptions }
        for metric in ToyMetric.allCases {
            registry.register(.metric, metric.rawValue) { metric }
        }
        registry.registerEvaluatorSuites()
        return registry
    }()
}
