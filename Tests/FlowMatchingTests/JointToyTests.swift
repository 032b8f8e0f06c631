import FlowTensor
import XCTest
@testable import FlowMatching

/// A joint 2-D toy: points from four Gaussian blobs, each paired with its quadrant token. A tiny joint model
/// trained for a few hundred steps must generate tokens that agree with their points' quadrants far above
/// the 25% of chance, and cross-guidance from a prompt must steer the points to that quadrant.
final class JointToyTests: XCTestCase {
    static let centers: [(Double, Double)] = [(1.2, 1.2), (-1.2, 1.2), (-1.2, -1.2), (1.2, -1.2)]

    static func quadrant(_ x: Double, _ y: Double) -> Int {
        x >= 0 ? (y >= 0 ? 0 : 3) : (y >= 0 ? 1 : 2)
    }

    func batch(_ size: Int, generator: inout RandomGenerator) -> (points: Tensor, tokens: DiscreteState) {
        let modes = generator.integers(size, below: 4)
        let noise = generator.normal(2 * size, standardDeviation: 0.3)
        var coordinates: [Float] = []
        var tokens: [Int] = []
        for row in 0..<size {
            let (x, y) = (Self.centers[modes[row]].0 + noise[2 * row], Self.centers[modes[row]].1 + noise[2 * row + 1])
            coordinates += [Float(x), Float(y)]
            tokens.append(Self.quadrant(x, y))
        }
        return (Tensor(shape: [size, 2], scalars: coordinates), DiscreteState(tokens: tokens, shape: [size, 1]))
    }

    func testJointModelLearnsPointAndQuadrantTogether() {
        var generator = RandomGenerator(seed: 21, stream: "joint-toy")
        let continuousPath = AffineProbabilityPath(scheduler: CondOTScheduler())
        let discretePath = MixtureDiscreteProbabilityPath(scheduler: PolynomialConvexScheduler(exponent: 1))
        let (gaussian, tokenSource) = (GaussianSource(), UniformTokenSource(vocabularySize: 4))
        let crossGuidance = CrossGuidanceSource(base: tokenSource, promptProbability: 0.1)
        let (velocityLoss, tokenLoss, loss) = (VelocityLoss(), PosteriorCrossEntropyLoss(), MultimodalLoss())
        let model = TinyJointNetwork(vocabulary: 4, width: 64, generator: &generator)

        var lastTerms = (0.0, 0.0)
        for _ in 0..<400 {
            let (points, tokens) = batch(128, generator: &generator)
            let t = TimeSampler.discreteDefault.sampleTensor(128, generator: &generator)
            let continuous = continuousPath.sample(x0: gaussian.sample([128, 2], generator: &generator), x1: points, t: t)
            let discrete = discretePath.sample(x0: crossGuidance.sample(captions: tokens, generator: &generator), x1: tokens,
                                               t: t, generator: &generator)
            let prediction = model(continuous: continuous.xt, discrete: discrete.xt, t: t,
                                   conditionDropped: ConditionDropout(probability: 0.1).sample(batchSize: 128, generator: &generator))
            let value = loss(continuous: velocityLoss(predicted: prediction.velocity, target: continuous.dxt),
                             discrete: tokenLoss(logits: prediction.logits, x1: tokens))
            value.total.backward()
            model.adamStep(learningRate: 3e-3)
            lastTerms = (value.continuous, value.discrete)
        }
        XCTAssertLessThan(lastTerms.0, 2.0, "velocity loss")

        let solver = MultimodalSolver(discretePath: discretePath, steps: 40)
        let joint = solver.sample(condition: .unconditional, continuousShape: [400, 2], discreteSource: tokenSource,
                                  model: model, generator: &generator)
        let points = joint.continuous.doubles
        let agreement = (0..<400).filter { Self.quadrant(points[2 * $0], points[2 * $0 + 1]) == joint.discrete.tokens[$0] }.count
        XCTAssertGreaterThan(Double(agreement) / 400, 0.8, "token agrees with the point's quadrant (chance: 0.25)")

        let eventStart = JointCondition.unconditional.start(continuousShape: [400, 2], tokensPerRow: 1,
                                                            discreteSource: tokenSource, generator: &generator)
        let eventDriven = JointFirstHittingSolver(discretePath: discretePath, stepsPerSegment: 20)
            .sample(start: eventStart, model: model, generator: &generator)
        let eventPoints = eventDriven.continuous.doubles
        let eventAgreement = (0..<400).filter { Self.quadrant(eventPoints[2 * $0], eventPoints[2 * $0 + 1]) == eventDriven.discrete.tokens[$0] }.count
        // Lower than the Euler solver: with a uniform source an early jump fixes the token before the point is formed.
        XCTAssertGreaterThan(Double(eventAgreement) / 400, 0.6, "first-hitting joint sampler agrees far above chance")

        let prompt = DiscreteState(tokens: Array(repeating: 2, count: 200), shape: [200, 1])
        let guided = MultimodalSolver(discretePath: discretePath, steps: 40, guidanceScale: 2)
            .sample(condition: .crossGuidedPrompt(prompt), continuousShape: [200, 2], discreteSource: tokenSource,
                    model: model, generator: &generator)
        let guidedPoints = guided.continuous.doubles
        let inQuadrant = (0..<200).filter { Self.quadrant(guidedPoints[2 * $0], guidedPoints[2 * $0 + 1]) == 2 }.count
        XCTAssertGreaterThan(Double(inQuadrant) / 200, 0.5, "cross-guidance + CFG steers points to the prompt's quadrant")
    }
}
