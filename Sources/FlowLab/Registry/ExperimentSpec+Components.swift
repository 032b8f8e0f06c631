extension ExperimentSpec {
    /// Every component the spec names, with its kind, in spec order.
    public var components: [(kind: ComponentKind, component: ComponentSpec)] {
        var result: [(kind: ComponentKind, component: ComponentSpec)] = [(.dataset, data), (.model, model)]
        for modality in modalities {
            result += [(.path, modality.path), (.scheduler, modality.scheduler), (.source, modality.source)]
            if let timeSampler = modality.timeSampler { result.append((.timeSampler, timeSampler)) }
            result.append((.loss, modality.loss))
        }
        result += alignment.map { (.alignment, $0) }
        result.append((.solver, sample.solver))
        if let guidance = sample.guidance { result.append((.guidance, guidance)) }
        result += evaluation.metrics.map { (.metric, $0) }
        return result
    }
}
