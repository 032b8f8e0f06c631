import XCTest
@testable import FlowLab

/// The Table 1 section of a CrossFlows report decides each claim from the numbers with the thresholds it states.
final class CrossFlowsTableSectionTests: XCTestCase {
    /// One seed's evaluations: configuration → (metric → value).
    private func evaluation(_ values: [String: [String: Double]]) -> [String: [MetricValue]] {
        values.mapValues { metrics in
            metrics.sorted { $0.key < $1.key }.map { MetricValue(name: $0.key, value: $0.value, description: "", higherIsBetter: nil) }
        }
    }

    func testVerdictsFollowThePaperOrderingsAndTheMargin() throws {
        // Numbers ordered as the paper's: FID baseline < scratch < pretrained, CLIPScore of both joint rows above the
        // baseline's, equal precision, better captions from the pretrained row.
        let paperLike = evaluation([
            "t2i_baseline": ["fid_shapes": 10, "clipscore_x100_shapes": 20, "precision_shapes": 0.70],
            "crossflows_scratch": ["fid_shapes": 12, "clipscore_x100_shapes": 24, "precision_shapes": 0.69],
            "crossflows_scratch_i2t": ["cider": 1.0, "i2t_exact_scene_accuracy": 0.2],
            "crossflows_pretrained_t2i": ["fid_shapes": 14, "clipscore_x100_shapes": 23, "precision_shapes": 0.68],
            "crossflows_pretrained_t2i_i2t": ["cider": 1.5],
            "crossflows_pretrained_i2t_i2t": ["i2t_exact_scene_accuracy": 0.4],
        ])
        let text = CrossFlowsTableSection(evaluations: [paperLike]).markdown()
        XCTAssertTrue(text.contains("## Table 1 at this scale"))
        XCTAssertTrue(text.contains("| `crossflows_pretrained_t2i` | Cross-Modal FM + Pre-trained T2I | 27.38 |"), text)
        for claim in 1...5 {
            let line = try XCTUnwrap(text.split(separator: "\n").first { $0.hasPrefix("\(claim). ") }, "claim \(claim)")
            XCTAssertTrue(line.hasSuffix("**reproduces**."), "claim \(claim): \(line)")
        }
        XCTAssertTrue(text.contains("vs 0.200. **yes**"), text)

        // The opposite orderings, and a FID gap inside the 5% margin (a tie, so claim 1 does not reproduce).
        var reversed = paperLike
        reversed["crossflows_scratch"] = evaluation(["x": ["fid_shapes": 10.3, "clipscore_x100_shapes": 19, "precision_shapes": 0.5]])["x"]
        reversed["crossflows_pretrained_t2i_i2t"] = evaluation(["x": ["cider": 0.5]])["x"]
        let opposite = CrossFlowsTableSection(evaluations: [reversed]).markdown()
        for claim in [1, 3, 4, 5] {
            let line = try XCTUnwrap(opposite.split(separator: "\n").first { $0.hasPrefix("\(claim). ") }, "claim \(claim)")
            XCTAssertTrue(line.hasSuffix("**does not reproduce**."), "claim \(claim): \(line)")
        }

        // Missing numbers are not checked, and a run without the rows gets no section.
        let partial = CrossFlowsTableSection(evaluations: [evaluation(["t2i_baseline": ["pixel_colour_accuracy": 0.8],
                                                                        "crossflows_scratch": ["pixel_colour_accuracy": 0.7]])]).markdown()
        XCTAssertTrue(partial.contains("1. ") && partial.contains("*not checked*"), partial)
        XCTAssertEqual(CrossFlowsTableSection(evaluations: [evaluation(["t2i": ["pixel_colour_accuracy": 0.8]])]).markdown(), "")
    }

    func testLongTailVerdictsUseTheRareMassAndAdherenceThresholds() throws {
        func run(cfgRare: Double, crossRare: Double, bothRare: Double, cfgColour: Double, crossColour: Double, bothColour: Double) -> String {
            CrossFlowsLongTailSection(evaluations: [evaluation([
                "cfg_w3": ["rare_mass_images": cfgRare, "rare_mass_data": 0.2, "pixel_colour_accuracy": cfgColour],
                "cross": ["rare_mass_images": crossRare, "rare_mass_data": 0.2, "pixel_colour_accuracy": crossColour],
                "cross_cfg": ["rare_mass_images": bothRare, "rare_mass_data": 0.2, "pixel_colour_accuracy": bothColour],
            ])]).markdown()
        }
        func verdicts(_ text: String) -> [Bool] {
            (1...4).map { claim in
                text.split(separator: "\n").first { $0.hasPrefix("\(claim). ") }.map { $0.hasSuffix("**reproduces**.") } ?? false
            }
        }
        // The paper's picture: CFG loses the rare concepts (0.1 < 0.8 x 0.2), cross-guidance keeps them at a cost in
        // adherence, cross + CFG keeps them and adheres better.
        XCTAssertEqual(verdicts(run(cfgRare: 0.1, crossRare: 0.19, bothRare: 0.18, cfgColour: 0.9, crossColour: 0.7, bothColour: 0.85)),
                       [true, true, true, true])
        // The opposite: CFG keeps them (0.17 >= 0.16), cross-guidance loses them, no adherence cost, cross + CFG loses them.
        XCTAssertEqual(verdicts(run(cfgRare: 0.17, crossRare: 0.12, bothRare: 0.1, cfgColour: 0.8, crossColour: 0.78, bothColour: 0.6)),
                       [false, false, false, false])
        XCTAssertEqual(CrossFlowsLongTailSection(evaluations: [evaluation(["cross": ["rare_mass_images": 0.2]])]).markdown(), "")
        // Shapes the reader cannot read (best shape accuracy 0.3 < 0.5) make the rare-concept claims undecidable.
        let unreadable = CrossFlowsLongTailSection(evaluations: [evaluation([
            "cfg_w3": ["rare_mass_images": 0.1, "rare_mass_data": 0.2, "pixel_colour_accuracy": 0.9, "t2i_shape_accuracy": 0.3],
            "cross": ["rare_mass_images": 0.19, "rare_mass_data": 0.2, "pixel_colour_accuracy": 0.7, "t2i_shape_accuracy": 0.25],
        ])]).markdown()
        XCTAssertTrue(unreadable.contains("not decidable in this run"), unreadable)
        XCTAssertEqual(verdicts(unreadable), [false, false, true, false])
        XCTAssertTrue(unreadable.contains("1. *CFG over-produces the frequent concepts and loses the rare ones* (`cfg_w3`): rare mass 0.100. *not decidable*"), unreadable)
    }
}
