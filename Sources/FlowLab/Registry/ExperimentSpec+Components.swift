extension ExperimentSpec {
    /// Every component the spec names, with its kind, in spec order.
    public var components: [(kind: ComponentKind, component: ComponentSpec)] {
        var result: [(kind: ComponentKind, component: ComponentSpec)] = [(.dataset, data), (.model, model)]
        for modality in modalities {
            let written: [(ComponentKind, ComponentSpec?)] = [(.path, modality.path), (.scheduler, modality.scheduler),
                                                               (.source, modality.source), (.timeSampler, modality.timeSampler),
                                                               (.loss, modality.loss)]
            result += written.compactMap { kind, component in component.map { (kind, $0) } }
        }
        result += alignment.map { (.alignment, $0) }
        result.append((.solver, sample.solver))
        if let guidance = sample.guidance { result.append((.guidance, guidance)) }
        result += evaluation.metrics.map { (.metric, $0) }
        return result
    }
}
