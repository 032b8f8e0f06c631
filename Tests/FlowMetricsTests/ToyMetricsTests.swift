import XCTest
@testable import FlowMetrics

/// The toy-experiment metrics on hand-built inputs whose answers are known.
final class ToyMetricsTests: XCTestCase {
    func testTotalVariationOfADistributionWithItselfIsZero() {
        let p = LabelDistribution.histogram([0, 1, 1, 2, 2, 2], labelCount: 4)
        XCTAssertEqual(LabelDistribution.totalVariation(p, p), 0)
        XCTAssertEqual(LabelDistribution.rareMassRatio(generated: p, reference: p), 1)
    }

    func testAllMassInOneCellGivesOneMinusItsReferenceMass() {
        let reference = LabelDistribution.histogram([0, 1, 1, 2, 2, 2], labelCount: 3)
        let collapsed = LabelDistribution.histogram([2, 2, 2, 2], labelCount: 3)
        // TV = 1 - reference mass of label 2 = 1 - 1/2.
        XCTAssertEqual(LabelDistribution.totalVariation(collapsed, reference), 0.5, accuracy: 1e-12)
        // Rare labels: 0 (1/6) then 1 (2/6) crosses 20%: {0, 1}; none of the collapsed mass is there.
        XCTAssertEqual(LabelDistribution.rareLabels(reference: reference, fraction: 0.2), [0, 1])
        XCTAssertEqual(LabelDistribution.rareMassRatio(generated: collapsed, reference: reference), 0)
    }

    func testRareLabelsStopOnceTheFractionIsReached() {
        let reference = [0.1, 0.1, 0.3, 0.5]
        XCTAssertEqual(LabelDistribution.rareLabels(reference: reference, fraction: 0.2), [0, 1])
        let doubled = [0.2, 0.2, 0.3, 0.3]
        XCTAssertEqual(LabelDistribution.rareMassRatio(generated: doubled, reference: reference), 2, accuracy: 1e-12)
    }

    func testAgreement() {
        XCTAssertEqual(LabelDistribution.agreement([1, 2, 3, 4], [1, 0, 3, 0]), 0.5)
    }

    func testSlicedWassersteinIsZeroForIdenticalSetsAndMatchesAShift() {
        let a: [Float] = [0, 0, 1, 0, 0, 1, 1, 1]
        let metric = SlicedWasserstein(projections: 64, seed: 1)
        XCTAssertEqual(metric.distance(a, a, dimension: 2), 0)
        XCTAssertEqual(metric.distance(a.reversed(), a, dimension: 2), 0, accuracy: 1e-12, "order does not matter")
        // Shifting every point by a vector s gives SW₂² = mean_θ (θ·s)² = |s|²/2 in 2-D (in expectation).
        let shifted = a.enumerated().map { $0.offset % 2 == 0 ? $0.element + 3 : $0.element }
        let sliced = SlicedWasserstein(projections: 4_000, seed: 2).distance(shifted, a, dimension: 2)
        XCTAssertEqual(sliced, 3 / 2.0.squareRoot(), accuracy: 0.05)
    }
}

final class CommonLabelTests: XCTestCase {
    func testCommonLabelsMirrorRareLabels() {
        let reference = [0.1, 0.1, 0.3, 0.5]
        XCTAssertEqual(LabelDistribution.commonLabels(reference: reference, fraction: 0.2), [3])
        XCTAssertEqual(LabelDistribution.commonLabels(reference: reference, fraction: 0.6), [2, 3])
        XCTAssertEqual(LabelDistribution.massRatio(generated: [0, 0, 0, 1], reference: reference, labels: [3]), 2, accuracy: 1e-12)
    }
}
