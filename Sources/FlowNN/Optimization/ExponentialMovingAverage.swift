import FlowTensor

/// An exponential moving average of a module's parameters (shadow copies by name), as DiT's `update_ema`.
///
/// `shadow ← decay · shadow + (1 - decay) · θ` after each optimizer step; sample with the average by
/// copying it into a model of the same architecture.
///
/// ```swift
/// let ema = ExponentialMovingAverage(module: model, decay: 0.9999)
/// optimizer.step(); ema.update(from: model)
/// ema.copy(into: sampler)
/// ```
public final class ExponentialMovingAverage {
    /// The weight of the old average in each update.
    public var decay: Double
    /// The averaged parameters, by dotted name.
    public private(set) var shadow: [String: Tensor]

    /// An average starting at the module's current parameters.
    public init(module: Module, decay: Double = 0.9999) {
        precondition((0...1).contains(decay), "EMA decay \(decay) is not in [0, 1]")
        self.decay = decay
        shadow = Dictionary(uniqueKeysWithValues: module.namedParameters().map { ($0.name, $0.tensor.copy()) })
    }

    /// Moves the average towards the module's current parameters (which must have the same names and shapes).
    public func update(from module: Module) {
        for (name, parameter) in module.namedParameters() {
            guard let average = shadow[name] else { preconditionFailure("EMA has no parameter named \(name)") }
            precondition(average.shape == parameter.shape, "EMA: \(name) is \(parameter.shape), average \(average.shape)")
            switch average.dtype {
            case .float32: blend(average, parameter.converted(to: .float32), Float.self)
            case .float64: blend(average, parameter.converted(to: .float64), Double.self)
            }
        }
    }

    /// Writes the averaged parameters into `module` in place.
    public func copy(into module: Module) {
        for (name, parameter) in module.namedParameters() {
            guard let average = shadow[name] else { preconditionFailure("EMA has no parameter named \(name)") }
            parameter.assign(average.converted(to: parameter.dtype))
        }
    }

    /// Replaces the average with `state` (e.g. read from a checkpoint); names and shapes must match exactly.
    public func load(_ state: [String: Tensor]) throws {
        let expected = shadow.mapValues(\.shape)
        try StateDictionaryError.check(expected: expected, given: state.mapValues(\.shape), strict: true, context: "EMA")
        for (name, tensor) in state { shadow[name]!.assign(tensor.converted(to: shadow[name]!.dtype)) }
    }

    private func blend<S: TensorScalar>(_ average: Tensor, _ parameter: Tensor, _ type: S.Type) {
        let decay = S(self.decay)
        let source = parameter.buffer(S.self)
        average.withUnsafeMutableBuffer(S.self) { target in
            for i in 0..<target.count { target[i] = decay * target[i] + (1 - decay) * source[i] }
        }
    }
}
