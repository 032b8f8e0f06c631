import FlowData
import XCTest

/// Splits are disjoint, held-out pairs stay out of train and val but appear in test, and imbalance skews as configured.
final class ShapesSplitTests: XCTestCase {
    /// The content of an example: what makes two images equal.
    private func content(_ example: ShapesGenerator.Example) -> String {
        "\(example.scene.objects) \(example.variation)"
    }

    func testSplitsAreDisjointEvenAcrossSeeds() throws {
        var owners: [String: ShapesSplit] = [:]
        for seed: UInt64 in [1, 2] {
            let configuration = try ShapesConfiguration(imageSize: 16, seed: seed)  // one object: a small space, many repeats
            for split in ShapesSplit.allCases {
                let generator = ShapesGenerator(configuration: configuration, split: split)
                for index in 0..<(split == .train ? 1500 : 400) {
                    let key = content(generator.example(at: index))
                    XCTAssertEqual(owners[key, default: split], split, "\(key) is in \(owners[key]!) and \(split)")
                    owners[key] = split
                }
            }
        }
        let repeatedWithinSplit = owners.count < 2 * (1500 + 800)
        XCTAssertTrue(repeatedWithinSplit, "the test must see repeats, or disjointness would be vacuous")
    }

    func testHeldOutPairsNeverInTrainOrValButInTest() throws {
        let held = [try ShapeComposition(parsing: "blue:triangle"), try ShapeComposition(parsing: "red:square")]
        let configuration = try ShapesConfiguration(imageSize: 16, objectCounts: [1, 2], holdout: held, seed: 9)
        for split in [ShapesSplit.train, .val] {
            let generator = ShapesGenerator(configuration: configuration, split: split)
            for index in 0..<1000 {
                for object in generator.example(at: index).scene.objects {
                    XCTAssertFalse(held.contains(ShapeComposition(color: object.color, shape: object.shape)), "\(split) \(index)")
                }
            }
        }
        let test = ShapesGenerator(configuration: configuration, split: .test)
        let tested = (0..<600).flatMap { test.example(at: $0).scene.objects }.map { ShapeComposition(color: $0.color, shape: $0.shape) }
        for pair in held { XCTAssertGreaterThan(tested.filter { $0 == pair }.count, 10, "\(pair) in test") }
    }

    func testImbalanceSkewsTrainAndTestStaysUniform() throws {
        let configuration = try ShapesConfiguration(imageSize: 16, imbalance: 1.5, seed: 2)
        let weights = configuration.compositionWeights(for: .train)
        let ranks = ShapesConfiguration.compositionRanks
        let common = ShapeComposition.all[ranks.firstIndex(of: 0)!], rare = ShapeComposition.all[ranks.firstIndex(of: 23)!]
        XCTAssertEqual(weights[common.index], 1)
        XCTAssertEqual(weights[rare.index], 1 / pow(24, 1.5), accuracy: 1e-9)
        func frequency(_ split: ShapesSplit, _ pair: ShapeComposition) -> Int {
            let generator = ShapesGenerator(configuration: configuration, split: split)
            return (0..<1200).filter { index in
                let object = generator.example(at: index).scene.objects[0]
                return ShapeComposition(color: object.color, shape: object.shape) == pair
            }.count
        }
        XCTAssertGreaterThan(frequency(.train, common), 10 * max(1, frequency(.train, rare)))
        XCTAssertEqual(Double(frequency(.test, common)), 50, accuracy: 25)
        XCTAssertEqual(try ShapesConfiguration(imbalance: 0).compositionWeights(for: .train), Array(repeating: 1, count: 24))
    }
}
