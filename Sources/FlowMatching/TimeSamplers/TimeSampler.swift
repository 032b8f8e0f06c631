import FlowTensor
import Foundation

/// How training times `t` in [0, 1] are drawn, one per batch row.
public enum TimeSampler: Sendable, Equatable {
    /// `t ~ U[0, 1)`.
    case uniform
    /// `t ~ U[0, upper)`: for mixture paths, whose generalized KL diverges at t = 1 (upper = 1 - 1e-3).
    case uniformBelow(upper: Double)
    /// `t = sigmoid(n)`, `n ~ N(mean, standardDeviation^2)` (FlowTok uses N(0, 1)).
    case logitNormal(mean: Double, standardDeviation: Double)
    /// `s = exp(n)`, `n ~ N(mean, standardDeviation^2)`, `t = max(1 / (1 + s), 1e-4)` (flow_matching's image
    /// example: mean -1.2, standard deviation 1.2, clipped at 1e-4).
    case skewed(mean: Double, standardDeviation: Double)

    /// The logit-normal sampler with N(0, 1).
    public static let logitNormalStandard = TimeSampler.logitNormal(mean: 0, standardDeviation: 1)
    /// The skewed sampler of flow_matching's image example.
    public static let skewedDefault = TimeSampler.skewed(mean: -1.2, standardDeviation: 1.2)
    /// U[0, 1 - 1e-3), for discrete paths.
    public static let discreteDefault = TimeSampler.uniformBelow(upper: 1 - 1e-3)

    /// `count` times.
    public func sample(_ count: Int, generator: inout RandomGenerator) -> [Double] {
        switch self {
        case .uniform:
            return generator.uniform(count)
        case .uniformBelow(let upper):
            return generator.uniform(count).map { $0 * upper }
        case .logitNormal(let mean, let standardDeviation):
            return generator.normal(count, mean: mean, standardDeviation: standardDeviation).map { 1 / (1 + exp(-$0)) }
        case .skewed(let mean, let standardDeviation):
            return generator.normal(count, mean: mean, standardDeviation: standardDeviation).map { max(1 / (1 + exp($0)), 1e-4) }
        }
    }

    /// `count` times as a `[count]` tensor.
    public func sampleTensor(_ count: Int, generator: inout RandomGenerator, dtype: DType = .float32) -> Tensor {
        Tensor(shape: [count], scalars: sample(count, generator: &generator)).converted(to: dtype)
    }
}
