import FlowTensor
import XCTest
@testable import FlowMatching

/// Classifier-free guidance, condition dropout, the CFG indicator and the cross-guidance source.
final class GuidanceTests: XCTestCase {
    func testClassifierFreeGuidanceCombination() {
        let guidance = ClassifierFreeGuidance(scale: 3)
        let conditional = Tensor(shape: [2], scalars: [1.0, 2.0]), unconditional = Tensor(shape: [2], scalars: [0.5, -1.0])
        XCTAssertEqual(guidance.combine(conditional: conditional, unconditional: unconditional).doubles, [2.0, 8.0])
        var calls = 0
        let velocity = guidance.velocity { x, _, dropped in calls += 1; return x * 0 + (dropped ? 0.5 : 1.0) }
        XCTAssertEqual(velocity(Tensor.zeros([2, 1], dtype: .float64), Tensor.zeros([2], dtype: .float64)).doubles, [2.0, 2.0])
        XCTAssertEqual(calls, 2)
        _ = ClassifierFreeGuidance(scale: 1).velocity { x, _, _ in calls += 1; return x }(Tensor.zeros([1, 1]), Tensor.zeros([1]))
        XCTAssertEqual(calls, 3, "scale 1 needs only the conditional call")
    }

    func testConditionDropoutRateAndNullLabel() {
        var generator = RandomGenerator(seed: 13, stream: "dropout")
        let labels = ConditionDropout(probability: 0.2).apply(labels: Array(repeating: 4, count: 20_000), nullLabel: 9,
                                                              generator: &generator)
        XCTAssertEqual(Set(labels), [4, 9])
        XCTAssertEqual(Double(labels.filter { $0 == 9 }.count) / 20_000, 0.2, accuracy: 0.01)
    }

    func testCFGIndicatorShufflesTargetsAmongFlaggedRows() {
        var generator = RandomGenerator(seed: 14, stream: "indicator")
        var flaggedTotal = 0
        for _ in 0..<200 {
            let assignment = CFGIndicator(probability: 0.1).sample(batchSize: 32, generator: &generator)
            XCTAssertEqual(assignment.targetRows.sorted(), Array(0..<32), "targets form a permutation")
            let flagged = assignment.isNull.indices.filter { assignment.isNull[$0] }
            XCTAssertNotEqual(flagged.count, 1, "a single flagged row is unflagged")
            for row in 0..<32 {
                if assignment.isNull[row] {
                    XCTAssertNotEqual(assignment.targetRows[row], row)
                    XCTAssertTrue(assignment.isNull[assignment.targetRows[row]])
                } else {
                    XCTAssertEqual(assignment.targetRows[row], row)
                }
            }
            flaggedTotal += flagged.count
        }
        XCTAssertEqual(Double(flaggedTotal) / 6400, 0.1, accuracy: 0.02)
    }

    func testCrossGuidanceSourceUsesCaptionWithProbability() {
        var generator = RandomGenerator(seed: 15, stream: "cross-guidance")
        let captions = DiscreteState(tokens: (0..<20_000).map { $0 % 7 }, shape: [10_000, 2])
        let source = CrossGuidanceSource(base: MaskTokenSource(vocabularySize: 7), promptProbability: 0.1)
        let drawn = source.sample(captions: captions, generator: &generator)
        var prompts = 0
        for row in 0..<10_000 {
            if Array(drawn.row(row)) == Array(captions.row(row)) { prompts += 1 } else { XCTAssertEqual(Array(drawn.row(row)), [7, 7]) }
        }
        XCTAssertEqual(Double(prompts) / 10_000, 0.1, accuracy: 0.01)
    }

    func testTimeSamplers() {
        var generator = RandomGenerator(seed: 16, stream: "times")
        let uniform = TimeSampler.discreteDefault.sample(10_000, generator: &generator)
        XCTAssertTrue(uniform.allSatisfy { $0 >= 0 && $0 < 1 - 1e-3 })
        XCTAssertEqual(uniform.reduce(0, +) / 10_000, 0.4995, accuracy: 0.01)
        let logitNormal = TimeSampler.logitNormalStandard.sample(10_000, generator: &generator)
        XCTAssertEqual(logitNormal.reduce(0, +) / 10_000, 0.5, accuracy: 0.01)
        // skewed: t = 1/(1 + e^n) with n ~ N(-1.2, 1.2^2): median 1/(1 + e^-1.2).
        let skewed = TimeSampler.skewedDefault.sample(10_001, generator: &generator).sorted()
        XCTAssertEqual(skewed[5000], 1 / (1 + exp(-1.2)), accuracy: 0.01)
    }
}
