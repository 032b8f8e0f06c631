import FlowTensor
import XCTest
@testable import FlowData

final class GaussianGridTests: XCTestCase {
    func testGridLabelsCornersAndClamping() {
        let grid = GridLabeling(lower: -6, upper: 6, cellsPerSide: 100)
        XCTAssertEqual(grid.labelCount, 199)
        XCTAssertEqual(grid.label(x: -6, y: -6), 0)
        XCTAssertEqual(grid.label(x: 5.999, y: 5.999), 198)
        XCTAssertEqual(grid.label(x: 100, y: -100), 99)
        XCTAssertEqual(grid.label(x: 6, y: 6), 198, "the upper edge belongs to the last cell")
        XCTAssertEqual(grid.cellIndex(0.0), 50)
        XCTAssertEqual(grid.cellIndex(-0.0001), 49)
        XCTAssertEqual(grid.labels(points: [-6, -6, 0, 0]), [0, 100])
    }

    func testMixtureMomentsAndNearestModes() {
        let mixture = GaussianMixtureOnCircle(modes: 6, radius: 4, variance: 0.5)
        var generator = RandomGenerator(seed: 1, stream: "data")
        let points = mixture.sample(60_000, generator: &generator)
        let modes = mixture.nearestMode(points: points)
        for mode in 0..<6 {
            let share = Double(modes.filter { $0 == mode }.count) / 60_000
            XCTAssertEqual(share, 1.0 / 6, accuracy: 0.01)
        }
        // Points of mode 0 centre on (4, 0) with variance 0.5 per coordinate.
        let mode0 = (0..<60_000).filter { modes[$0] == 0 }
        let xs = mode0.map { Double(points[2 * $0]) }
        let meanX = xs.reduce(0, +) / Double(xs.count)
        XCTAssertEqual(meanX, 4, accuracy: 0.05)
        let ys = mode0.map { Double(points[2 * $0 + 1]) }
        let varianceY = ys.map { $0 * $0 }.reduce(0, +) / Double(ys.count)
        XCTAssertEqual(varianceY, 0.5, accuracy: 0.05)
    }

    func testSameSeedGivesSameData() {
        let mixture = GaussianMixtureOnCircle()
        var a = RandomGenerator(seed: 3, stream: "data"), b = RandomGenerator(seed: 3, stream: "data")
        XCTAssertEqual(mixture.sample(100, generator: &a), mixture.sample(100, generator: &b))
    }
}
