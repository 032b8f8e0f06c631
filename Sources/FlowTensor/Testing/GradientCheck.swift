/// Compares autodiff gradients with central finite differences, in Float64.
///
/// ```swift
/// let x = Tensor(shape: [3], scalars: [0.1, 0.2, 0.3], requiresGrad: true)
/// let error = GradientCheck.maximumError(inputs: [x]) { $0[0].tanh().sum() }
/// // error < 1e-6
/// ```
public enum GradientCheck {
    /// The largest `|analytic - numeric| / max(1, |numeric|)` over every element of every input.
    ///
    /// `function` must return a scalar built from the inputs (float64 tensors with `requiresGrad`).
    /// Non-scalar outputs are reduced against a fixed random projection so every output element is checked.
    public static func maximumError(inputs: [Tensor], step: Double = 1e-6, _ function: ([Tensor]) -> Tensor) -> Double {
        precondition(inputs.allSatisfy { $0.dtype == .float64 }, "gradient checks run in float64")
        var projectionGenerator = RandomGenerator(seed: 12345, stream: "gradient-check")
        let probe = function(inputs)
        let projection = projectionGenerator.normalTensor(probe.shape, dtype: .float64)
        func scalarFunction(_ values: [Tensor]) -> Tensor { (function(values) * projection).sum() }

        for input in inputs { input.grad = nil }
        scalarFunction(inputs).backward()
        var worst = 0.0
        for input in inputs {
            let analytic = input.grad?.doubles ?? Array(repeating: 0, count: input.count)
            for index in 0..<input.count {
                let original = input.buffer(Double.self)[index]
                input.withUnsafeMutableBuffer(Double.self) { $0[index] = original + step }
                let plus = withNoGradient { scalarFunction(inputs).item }
                input.withUnsafeMutableBuffer(Double.self) { $0[index] = original - step }
                let minus = withNoGradient { scalarFunction(inputs).item }
                input.withUnsafeMutableBuffer(Double.self) { $0[index] = original }
                let numeric = (plus - minus) / (2 * step)
                worst = Swift.max(worst, Swift.abs(analytic[index] - numeric) / Swift.max(1, Swift.abs(numeric)))
            }
        }
        return worst
    }
}
