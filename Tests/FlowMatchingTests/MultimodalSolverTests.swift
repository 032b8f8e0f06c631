import FlowTensor
import XCTest
@testable import FlowMatching

/// A joint model with a constant velocity and a constant predicted token that records what it sees.
final class RecordingJointModel: JointModel {
    let velocity: Double
    let unconditionalVelocity: Double
    let token: Int
    let vocabulary: Int
    var calls: [(t: Double, continuous: [Double], discrete: [Int], dropped: Bool)] = []

    init(velocity: Double, unconditionalVelocity: Double = 0, token: Int, vocabulary: Int) {
        self.velocity = velocity
        self.unconditionalVelocity = unconditionalVelocity
        self.token = token
        self.vocabulary = vocabulary
    }

    func callAsFunction(continuous: Tensor, discrete: DiscreteState, t: Tensor, conditionDropped: [Bool]) -> JointPrediction {
        calls.append((t.doubles[0], continuous.doubles, discrete.tokens, conditionDropped[0]))
        var logits = [Double](repeating: -30, count: discrete.tokens.count * vocabulary)
        for index in discrete.tokens.indices { logits[index * vocabulary + token] = 10 }
        let value = conditionDropped[0] ? unconditionalVelocity : velocity
        return JointPrediction(velocity: Tensor.full(continuous.shape, value, dtype: continuous.dtype),
                               logits: Tensor(shape: discrete.shape + [vocabulary], scalars: logits))
    }
}

final class MultimodalSolverTests: XCTestCase {
    let path = MixtureDiscreteProbabilityPath(scheduler: PolynomialConvexScheduler(exponent: 1))
    let source = UniformTokenSource(vocabularySize: 5)

    func testMergedGridOfAdaptiveHorizons() {
        let events = MultimodalSolver.mergedTimes(TimeGrid.uniform(steps: 4), TimeGrid.uniform(steps: 2))
        XCTAssertEqual(events.map(\.time), [0, 0.25, 0.5, 0.75])
        XCTAssertEqual(events.map(\.continuousStep), [0, 1, 2, 3])
        XCTAssertEqual(events.map(\.discreteStep), [0, nil, 1, nil])
    }

    func testJointSolverReachesAnalyticEndPointsAndSeesBothStates() {
        var generator = RandomGenerator(seed: 17, stream: "joint")
        for (continuousSteps, discreteSteps) in [(8, 8), (8, 3), (3, 8)] {
            let model = RecordingJointModel(velocity: 2, token: 3, vocabulary: 5)
            let solver = MultimodalSolver(discretePath: path, steps: continuousSteps, discreteSteps: discreteSteps)
            let start = JointCondition.unconditional.start(continuousShape: [6, 2], tokensPerRow: 4, discreteSource: source,
                                                           dtype: .float64, generator: &generator)
            let end = solver.sample(start: start, model: model, generator: &generator)
            assertClose(end.continuous.doubles, start.continuous.doubles.map { $0 + 2 }, tolerance: 1e-12, "continuous end")
            XCTAssertEqual(end.discrete.tokens, Array(repeating: 3, count: 24), "discrete end")
            XCTAssertEqual(model.calls.count, Set(TimeGrid.uniform(steps: continuousSteps).dropLast()
                                                  + TimeGrid.uniform(steps: discreteSteps).dropLast()).count)
            // Every call sees the continuous state on its Euler line at the call's time.
            for call in model.calls {
                assertClose(call.continuous, start.continuous.doubles.map { $0 + 2 * call.t }, tolerance: 1e-12, "state at \(call.t)")
            }
            // The discrete state a call sees is the one left by the previous discrete step.
            XCTAssertEqual(model.calls[0].discrete, start.discrete.tokens)
        }
    }

    func testClassifierFreeGuidanceOnContinuousVelocity() {
        var generator = RandomGenerator(seed: 18, stream: "cfg")
        let model = RecordingJointModel(velocity: 1, unconditionalVelocity: 0.5, token: 1, vocabulary: 5)
        let solver = MultimodalSolver(discretePath: path, steps: 5, guidanceScale: 3)
        let prompt = DiscreteState(tokens: [4, 4, 0, 0], shape: [2, 2])
        let end = solver.sample(condition: .crossGuidedPrompt(prompt), continuousShape: [2, 3], tokensPerRow: 2,
                                discreteSource: source, model: model, dtype: .float64, generator: &generator)
        let initial = model.calls[0].continuous
        assertClose(end.continuous.doubles, initial.map { $0 + 0.5 + 3 * (1 - 0.5) }, tolerance: 1e-12, "guided end")
        XCTAssertEqual(model.calls.count, 10, "two calls per step")
        XCTAssertEqual(model.calls[0].discrete, prompt.tokens, "cross-guidance starts from the prompt")
        XCTAssertEqual(end.discrete.tokens, [1, 1, 1, 1], "and the prompt evolves")
    }

    func testFrozenPromptAndFrozenImage() {
        var generator = RandomGenerator(seed: 19, stream: "frozen")
        let prompt = DiscreteState(tokens: [4, 0, 2], shape: [3, 1])
        let model = RecordingJointModel(velocity: -1, token: 1, vocabulary: 5)
        let solver = MultimodalSolver(discretePath: path, steps: 6, discreteUpdate: .jumpSchedule)
        let frozenPrompt = solver.sample(condition: .frozenPrompt(prompt), continuousShape: [3, 2], discreteSource: source,
                                         model: model, dtype: .float64, generator: &generator)
        XCTAssertEqual(frozenPrompt.discrete, prompt)
        XCTAssertTrue(model.calls.allSatisfy { $0.discrete == prompt.tokens })
        assertClose(frozenPrompt.continuous.doubles, model.calls[0].continuous.map { $0 - 1 }, tolerance: 1e-12, "continuous evolves")

        let image = Tensor(shape: [3, 2], scalars: [1.0, 2, 3, 4, 5, 6])
        let frozenImage = solver.sample(condition: .frozenImage(image), continuousShape: [3, 2], discreteSource: source,
                                        model: model, generator: &generator)
        XCTAssertEqual(frozenImage.continuous.doubles, image.doubles)
        XCTAssertEqual(frozenImage.discrete.tokens, [1, 1, 1], "jump schedule resamples every token once")

        let crossImage = solver.sample(condition: .crossGuidedImage(image), continuousShape: [3, 2], discreteSource: source,
                                       model: model, generator: &generator)
        assertClose(crossImage.continuous.doubles, image.doubles.map { $0 - 1 }, tolerance: 1e-12, "image evolves")
    }

    func testInpaintingInvertsThenSolvesForward() {
        var generator = RandomGenerator(seed: 20, stream: "inpainting")
        let model = RecordingJointModel(velocity: 0.75, token: 2, vocabulary: 5)
        let image = Tensor(shape: [2, 2], scalars: [0.1, -0.4, 1.2, 0.3])
        let caption = DiscreteState(tokens: [0, 4], shape: [2, 1])
        let procedure = Inpainting(inversionSteps: 10, solver: MultimodalSolver(discretePath: path, steps: 10))
        let noise = procedure.invert(image: image, caption: caption, model: model)
        assertClose(noise.doubles, image.doubles.map { $0 - 0.75 }, tolerance: 1e-12, "inversion")
        XCTAssertTrue(model.calls.allSatisfy { $0.discrete == caption.tokens }, "the caption is held during inversion")
        let result = procedure.run(image: image, caption: caption, model: model, generator: &generator)
        assertClose(result.continuous.doubles, image.doubles, tolerance: 1e-12, "round trip")
        XCTAssertEqual(result.discrete.tokens, [2, 2])
    }

    func testMultimodalLossReportsTerms() {
        let continuous = Tensor(2.0, dtype: .float64), discrete = Tensor(3.0, dtype: .float64)
        let value = MultimodalLoss(continuousWeight: 0.5, discreteWeight: 2)(continuous: continuous, discrete: discrete)
        XCTAssertEqual(value.total.item, 7)
        XCTAssertEqual(value.continuous, 2)
        XCTAssertEqual(value.discrete, 3)
    }
}

/// The event-driven joint first-hitting solver.
final class JointFirstHittingSolverTests: XCTestCase {
    func testContinuousReachesEndPointAndEachEventResamplesOneToken() {
        var generator = RandomGenerator(seed: 22, stream: "joint-first-hitting")
        let source = MaskTokenSource(vocabularySize: 4)
        let model = RecordingJointModel(velocity: 1.5, unconditionalVelocity: 0.5, token: 2, vocabulary: 5)
        let start = JointCondition.unconditional.start(continuousShape: [3, 2], tokensPerRow: 4, discreteSource: source,
                                                       dtype: .float64, generator: &generator)
        let solver = JointFirstHittingSolver(discretePath: .polynomial(2), stepsPerSegment: 3, guidanceScale: 2)
        let end = solver.sample(start: start, model: model, generator: &generator)
        assertClose(end.continuous.doubles, start.continuous.doubles.map { $0 + 0.5 + 2 * (1.5 - 0.5) }, tolerance: 1e-12, "end point")
        XCTAssertEqual(end.discrete.tokens, Array(repeating: 2, count: 12))
        let conditional = model.calls.filter { !$0.dropped }
        XCTAssertEqual(conditional.count, 5 * 3, "(L + 1) segments of 3 steps")
        // Between consecutive segment starts, each row gains exactly one unmasked token.
        for segment in 1..<5 {
            let before = conditional[segment * 3 - 1].discrete, after = conditional[segment * 3 + 1].discrete
            for row in 0..<3 {
                let revealed = (0..<4).filter { before[row * 4 + $0] != after[row * 4 + $0] }
                XCTAssertEqual(revealed.count, 1, "segment \(segment) row \(row)")
            }
        }
    }
}
