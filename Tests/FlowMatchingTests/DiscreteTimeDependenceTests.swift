import FlowTensor
import Foundation
import XCTest
@testable import FlowMatching

/// Time errors of the discrete samplers and the perplexity bound, which a mask source cannot reveal (its
/// posterior does not depend on t): a uniform source and the schedule kappa_t = t^2, so that kappa_inverse
/// differs from the identity, a single Euler step's jump probability, and models whose prediction changes
/// with t. Binomial checks use 5 standard deviations (a false alarm about once in 1.7 million seeds).
final class DiscreteTimeDependenceTests: XCTestCase {
    static let target = DiscreteSolverTests.target
    static let chiSquareCritical = DiscreteSolverTests.chiSquareCritical
    let quadratic = MixtureDiscreteProbabilityPath.polynomial(2)

    /// Asserts an observed frequency is within 5 binomial standard deviations of `probability`.
    func assertFrequency(_ successes: Int, of trials: Int, is probability: Double, _ message: String,
                         file: StaticString = #filePath, line: UInt = #line) {
        let observed = Double(successes) / Double(trials)
        let tolerance = 5 * (probability * (1 - probability) / Double(trials)).squareRoot()
        XCTAssertEqual(observed, probability, accuracy: tolerance, "\(message): observed \(observed), expected \(probability)",
                       file: file, line: line)
    }

    /// A model whose posterior puts all mass on token 0 before `switchTime` and on token 1 from it on.
    static func switchingLogits(_ state: DiscreteState, _ t: Tensor, vocabulary: Int, switchTime: Double) -> Tensor {
        let times = t.doubles
        var logits = [Double](repeating: -30, count: state.tokens.count * vocabulary)
        for index in state.tokens.indices {
            logits[index * vocabulary + (times[index / state.tokensPerRow] < switchTime ? 0 : 1)] = 10
        }
        return Tensor(shape: state.shape + [vocabulary], scalars: logits)
    }

    // MARK: - Euler

    func testOneEulerStepJumpsWithTheRateAtTheStartOfTheStep() {
        // From t = 0.5 with h = 0.25 under kappa = t^2: rate dkappa/(1 - kappa) = 1 / 0.75, so a token jumps to
        // the posterior's token with probability 1 - exp(-h / 0.75) = 0.283 (at t + h it would be 0.521).
        let (t, h, count) = (0.5, 0.25, 20_000)
        let solver = MixtureDiscreteEulerSolver(path: quadratic, timeDType: .float64)
        var generator = RandomGenerator(seed: 11, stream: "one-step")
        let start = DiscreteState(repeating: 0, shape: [count, 1])
        let logits = Tensor(shape: [count, 1, 3], scalars: (0..<count).flatMap { _ in [-30.0, 10, -30] })
        let next = solver.step(start, logits: logits, t: t, h: h, isLast: false, generator: &generator)
        XCTAssert(next.tokens.allSatisfy { $0 == 0 || $0 == 1 })
        let rate = quadratic.scheduler.dKappa(at: t) / (1 - quadratic.scheduler.kappa(at: t))
        assertFrequency(next.tokens.filter { $0 == 1 }.count, of: count, is: 1 - exp(-h * rate), "one Euler step from t = 0.5")
    }

    func testEulerSolverWithUniformSourceFollowsTheExactLawOfItsSteps() {
        // A coarse grid, so that an error in time (rate, posterior time) moves the law, yet enough steps that the
        // last step's snap to the posterior does not wash it out; the reference is the exact law of the
        // discretised chain, not the target, so the bias of 8 steps is no excuse. (The jump rate taken at t + h
        // instead of t gives a chi-square of 83 here.)
        let source = UniformTokenSource(vocabularySize: 3)
        let exact = ExactPosterior(target: Self.target, vocabulary: 3, length: 2,
                                   sourceProbabilities: source.probabilities, scheduler: quadratic.scheduler)
        let grid = TimeGrid.uniform(steps: 8)
        let chain = EulerChainLaw(exact: exact, divergenceFree: 0)
        let expected = chain.dataLaw(chain.law(after: grid, from: chain.sourceLaw()))
        var generator = RandomGenerator(seed: 12, stream: "euler-uniform-quadratic")
        let samples = MixtureDiscreteEulerSolver(path: quadratic, timeDType: .float64).sample(
            start: source.sample(shape: [20_000, 2], generator: &generator), timeGrid: grid, model: exact.logits, generator: &generator)
        let statistic = EulerChainLaw.chiSquare(samples, exact: exact, expected: expected)
        XCTAssertLessThan(statistic, Self.chiSquareCritical, "Euler, uniform source, kappa = t^2, 8 steps: chi-square \(statistic)")
    }

    // MARK: - Jump schedules

    func testFirstHittingResamplesEachTokenAtKappaInverseOfAUniform() {
        // With a model that predicts token 0 before t = 0.5 and token 1 after, a token ends at 0 exactly when
        // its jump time T = kappa_inverse(U) is below 0.5: probability kappa(0.5) = 0.25 (T = U would give 0.5).
        let source = MaskTokenSource(vocabularySize: 2)
        let model: DiscretePosteriorModel = { Self.switchingLogits($0, $1, vocabulary: 3, switchTime: 0.5) }
        var generator = RandomGenerator(seed: 13, stream: "first-hitting-times")
        let (states, times) = FirstHittingSampler(path: quadratic, timeDType: .float64).trajectory(
            start: source.sample(shape: [2000, 2], generator: &generator), model: model, generator: &generator)
        let final = states.last!.tokens
        assertFrequency(final.filter { $0 == 0 }.count, of: final.count, is: 0.25, "first hitting: tokens drawn before t = 0.5")
        assertFrequency(times.filter { $0 < 0.5 }.count, of: times.count, is: 0.25, "first hitting: P(T < 0.5)")
    }

    func testJumpScheduleOnAGridResamplesEachTokenAtKappaInverseOfAUniform() {
        // On the grid 0, 0.25, 0.5, 0.75 a token is resampled with the model at the start of the step holding
        // its jump time, so it ends at 0 exactly when T < 0.5: probability kappa(0.5) = 0.25.
        let source = MaskTokenSource(vocabularySize: 2)
        let model = JointModelClosure { continuous, discrete, t, _ in
            JointPrediction(velocity: continuous * 0, logits: Self.switchingLogits(discrete, t, vocabulary: 3, switchTime: 0.5))
        }
        var generator = RandomGenerator(seed: 14, stream: "jump-schedule-times")
        let result = MultimodalSolver(discretePath: quadratic, steps: 4, discreteUpdate: .jumpSchedule).sample(
            condition: .unconditional, continuousShape: [2000, 1], tokensPerRow: 2, discreteSource: source, model: model,
            dtype: .float64, generator: &generator)
        let final = result.discrete.tokens
        XCTAssert(final.allSatisfy { $0 == 0 || $0 == 1 }, "every token has had its jump")
        assertFrequency(final.filter { $0 == 0 }.count, of: final.count, is: 0.25, "jump schedule: tokens drawn before t = 0.5")
    }

    func testJointFirstHittingResamplesEachTokenAtKappaInverseOfAUniform() {
        let source = MaskTokenSource(vocabularySize: 2)
        let model = JointModelClosure { continuous, discrete, t, _ in
            JointPrediction(velocity: continuous * 0, logits: Self.switchingLogits(discrete, t, vocabulary: 3, switchTime: 0.5))
        }
        var generator = RandomGenerator(seed: 15, stream: "joint-first-hitting-times")
        let start = JointState(continuous: Tensor.zeros([2000, 1], dtype: .float64),
                               discrete: source.sample(shape: [2000, 2], generator: &generator))
        let result = JointFirstHittingSolver(discretePath: quadratic, stepsPerSegment: 1).sample(start: start, model: model,
                                                                                                 generator: &generator)
        let final = result.discrete.tokens
        XCTAssert(final.allSatisfy { $0 == 0 || $0 == 1 }, "every token has had its jump")
        assertFrequency(final.filter { $0 == 0 }.count, of: final.count, is: 0.25, "joint first hitting: tokens drawn before t = 0.5")
    }

    // MARK: - Perplexity bound

    func testPerplexityBoundHandsTheModelItsOwnTimeForEachKappa() {
        // The bound integrates over kappa; a model trained on kappa_t = t^2 must see t = kappa_inverse(kappa).
        // The exact posterior of the target is the same function of kappa under both schedules, so with the
        // same draws the bound must be the same under n = 1 and n = 2 (with a uniform source the posterior
        // depends on kappa, so handing the model kappa itself would change the n = 2 bound).
        let source = UniformTokenSource(vocabularySize: 3)
        var bounds: [Double] = []
        for path in [MixtureDiscreteProbabilityPath.polynomial(1), quadratic] {
            let exact = ExactPosterior(target: Self.target, vocabulary: 3, length: 2,
                                       sourceProbabilities: source.probabilities, scheduler: path.scheduler)
            var dataGenerator = RandomGenerator(seed: 16, stream: "perplexity-data")
            let draws = dataGenerator.categorical(rows: Array((0..<200).map { _ in Self.target }.joined()), classes: Self.target.count)
            let data = DiscreteState(tokens: draws.flatMap { exact.sequence($0) }, shape: [200, 2])
            var generator = RandomGenerator(seed: 16, stream: "perplexity")
            let bound = DiscretePerplexityBound(path: path, timeCount: 8, dtype: .float64)
                .evaluate(x1: data, source: source, model: exact.logits, generator: &generator)
            bounds.append(bound.negativeLogLikelihoodPerToken)
        }
        XCTAssertEqual(bounds[1], bounds[0], accuracy: 1e-9 * Swift.abs(bounds[0]),
                       "bound per token under kappa = t^2 vs kappa = t: \(bounds)")
        // And it is a bound: at least the entropy per token of the target, up to Monte Carlo noise.
        let entropyPerToken = -Self.target.reduce(0) { $0 + $1 * log($1) } / 2
        XCTAssertGreaterThan(bounds[0], 0.9 * entropyPerToken, "bound \(bounds[0]) vs entropy per token \(entropyPerToken)")
    }
}
