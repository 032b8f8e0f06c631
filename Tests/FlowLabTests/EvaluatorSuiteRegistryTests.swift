import XCTest
@testable import FlowLab

/// The evaluator suites as `metric` components of the standard registry: what a spec's `eval.metrics` may name.
final class EvaluatorSuiteRegistryTests: XCTestCase {
    static let needs: [String: Set<EvaluationNeed>] = [
        "shapes_pixels": [.images, .promptScenes], "shapes_t2i": [.images, .promptScenes], "inception_metrics": [.images],
        "caption_metrics": [.captions], "shapes_i2t": [.captions], "shapes_clipscore": [.images, .prompts],
        "feature_metrics": [.images], "shapes_pairs": [.images, .captions], "caption_perplexity": [.captions],
    ]

    func testEverySuiteIsAMetricComponentWithItsNeedsAndADescription() throws {
        let registry = ComponentRegistry.standard
        for (name, needs) in Self.needs {
            let suite = try registry.make((any EvaluatorSuite).self, .metric, from: ComponentSpec(name: name))
            XCTAssertEqual(suite.name, name)
            XCTAssertEqual(suite.needs, needs, name)
            let info = try XCTUnwrap(registry.components(of: .metric).first { $0.name == name })
            XCTAssertFalse(info.description?.isEmpty ?? true, name)
        }
        XCTAssertEqual(try XCTUnwrap(registry.components(of: .metric).first { $0.name == "caption_metrics" }).options.map(\.description),
                       ["similarity: Bool = true", "meteor: Bool = false"])
        // The toy metrics stay what they were.
        XCTAssertNoThrow(try registry.make(ToyMetric.self, .metric, from: ComponentSpec(name: "label_tv")))
    }

    func testSuiteOptionsDecodeStrictly() throws {
        let registry = ComponentRegistry.standard
        let off = ComponentSpec(name: "caption_metrics", options: try SpecNode.parse(yaml: "similarity: false", file: "inline.yaml"))
        let suite = try XCTUnwrap(registry.make((any EvaluatorSuite).self, .metric, from: off) as? CaptionMetricsSuite)
        XCTAssertFalse(suite.includeSimilarity)
        let unknown = ComponentSpec(name: "shapes_pixels", options: try SpecNode.parse(yaml: "size: 3", file: "inline.yaml"))
        XCTAssertThrowsError(try registry.validate(unknown, as: .metric)) { XCTAssertTrue("\($0)".contains("size"), "\($0)") }
    }
}
