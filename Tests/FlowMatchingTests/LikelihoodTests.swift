import FlowTensor
import Foundation
import XCTest
@testable import FlowMatching

/// The continuous likelihood of a Gaussian under a known linear flow, and the discrete perplexity bound
/// with an exact posterior.
final class LikelihoodTests: XCTestCase {
    /// The flow carrying N(0, I) to N(mean, scale^2 I) along straight lines `x_t = x_0 + t (mean + (scale - 1) x_0)`.
    func linearFlow(mean: [Double], scale: Double) -> VelocityModel {
        let meanTensor = Tensor(shape: [mean.count], scalars: mean)
        return { x, t in
            let time = t.reshaped([-1, 1])
            return meanTensor + (x - time * meanTensor) * (scale - 1) / (1 - time + time * scale)
        }
    }

    func testGaussianLogDensityUnderLinearFlow() {
        let (mean, scale) = ([0.5, -1.0, 2.0], 1.7)
        let points = Tensor(shape: [4, 3], scalars: [0.1, 0.2, 0.3, 1.5, -2, 2.5, -0.5, 0, 1, 0.5, -1, 2])
        let analytic = (0..<4).map { row -> Double in
            (0..<3).reduce(0.0) { total, column in
                let z = (points.doubles[row * 3 + column] - mean[column]) / scale
                return total - 0.5 * z * z - log(scale) - 0.5 * log(2 * Double.pi)
            }
        }
        var generator = RandomGenerator(seed: 9, stream: "likelihood")
        for divergence in [DivergenceEstimator.exact, .hutchinson] {
            let estimator = ContinuousLikelihood(method: .heun, steps: 100, divergence: divergence)
            let (x0, logLikelihood) = estimator.logLikelihood(x1: points, velocity: linearFlow(mean: mean, scale: scale),
                                                              generator: &generator)
            assertClose(logLikelihood.doubles, analytic, tolerance: 1e-4, "\(divergence) log-likelihood")
            let expectedSource = (0..<12).map { (points.doubles[$0] - mean[$0 % 3]) / scale }
            assertClose(x0.doubles, expectedSource, tolerance: 1e-8, "\(divergence) source point")
        }
    }

    func testLikelihoodRunsInsideNoGradientAndAgreesInFloat32() {
        let points = Tensor(shape: [2, 2], scalars: [0.3, -0.2, 1.0, 0.4] as [Float])
        var generator = RandomGenerator(seed: 10, stream: "float32")
        let float64Flow = linearFlow(mean: [0, 0], scale: 2)
        let float32Flow: VelocityModel = { x, t in float64Flow(x.converted(to: .float64), t.converted(to: .float64)).converted(to: .float32) }
        let result = withNoGradient {
            ContinuousLikelihood(steps: 50).logLikelihood(x1: points, velocity: float32Flow,
                                                         generator: &generator).logLikelihood
        }
        let analytic = [0.3, -0.2, 1.0, 0.4].map { -0.5 * ($0 / 2) * ($0 / 2) - log(2.0) - 0.5 * log(2 * Double.pi) }
        assertClose(result.doubles, [analytic[0] + analytic[1], analytic[2] + analytic[3]], tolerance: 1e-4, "float32")
    }

    func testPerplexityBoundIsExactForIndependentTokensWithMaskSource() {
        // With a mask source and independent tokens the exact posterior makes the bound tight in expectation.
        let marginal = [0.5, 0.3, 0.2]
        let target = (0..<9).map { marginal[$0 / 3] * marginal[$0 % 3] }
        let source = MaskTokenSource(vocabularySize: 3)
        for scheduler in [PolynomialConvexScheduler(exponent: 1), PolynomialConvexScheduler(exponent: 3)] {
            let exact = ExactPosterior(target: target, vocabulary: 3, length: 2,
                                       sourceProbabilities: source.probabilities, scheduler: scheduler)
            let data = DiscreteState(tokens: Array(repeating: [0, 2], count: 400).flatMap { $0 }, shape: [400, 2])
            var generator = RandomGenerator(seed: 11, stream: "perplexity")
            let bound = DiscretePerplexityBound(path: MixtureDiscreteProbabilityPath(scheduler: scheduler), timeCount: 16,
                                                dtype: .float64)
                .evaluate(x1: data, source: source, model: exact.logits, generator: &generator)
            let exactPerToken = -(log(0.5) + log(0.2)) / 2
            XCTAssertEqual(bound.negativeLogLikelihoodPerToken, exactPerToken, accuracy: 0.03 * exactPerToken, "n = \(scheduler.exponent)")
            XCTAssertEqual(bound.perplexity, exp(bound.negativeLogLikelihoodPerToken), accuracy: 1e-12)
        }
    }

    func testPerplexityBoundOfAUniformGuesserIsThree() {
        let source = MaskTokenSource(vocabularySize: 3)
        // Keeps revealed tokens, spreads masked ones uniformly: the bound is log 3 per token.
        let uniformModel: DiscretePosteriorModel = { state, _ in
            let rows = state.tokens.map { token -> [Double] in
                token == source.maskToken ? [0, 0, 0, -.infinity] : (0..<4).map { $0 == token ? 0 : -.infinity }
            }
            return Tensor(shape: state.shape + [4], scalars: rows.flatMap { $0 })
        }
        let data = DiscreteState(tokens: Array(repeating: [0, 2], count: 200).flatMap { $0 }, shape: [200, 2])
        var generator = RandomGenerator(seed: 12, stream: "uniform-model")
        let bound = DiscretePerplexityBound(path: MixtureDiscreteProbabilityPath(scheduler: CondOTScheduler()), timeCount: 16, dtype: .float64)
            .evaluate(x1: data, source: source, model: uniformModel, generator: &generator)
        XCTAssertEqual(bound.perplexity, 3, accuracy: 0.15)
    }
}

