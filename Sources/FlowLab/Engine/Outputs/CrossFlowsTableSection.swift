import Foundation

/// The "Table 1" section of a CrossFlows run's `report.md` (`Experiments/crossflows.yaml`): one row per model next to
/// the paper's numbers, and a verdict per claim of the paper decided from this run's numbers.
///
/// Rows are found by variant name: `t2i_baseline`, `crossflows_scratch`, `crossflows_pretrained_t2i` and
/// `crossflows_pretrained_i2t`; a row's text-to-image metrics come from the configuration of that name, its captioning
/// metrics from `<row>_i2t`, its pair consistency from `<row>_pairs`. The section is written when a run has
/// `crossflows_scratch` and at least one other row.
///
/// Thresholds (fixed before any run): two values differ when they are more than `relativeMargin` (5%) of the larger
/// apart, and, with several seeds, more than twice the larger standard deviation; otherwise they tie. Precision is
/// "about the same" within 0.05.
struct CrossFlowsTableSection {
    /// The four rows of the table: variant name and the paper's method it stands for.
    static let rows: [(name: String, paper: String)] = [
        ("t2i_baseline", "FM-MMDiT-HASTE (T2I model)"),
        ("crossflows_scratch", "Cross-Modal FM + REPA"),
        ("crossflows_pretrained_t2i", "Cross-Modal FM + Pre-trained T2I"),
        ("crossflows_pretrained_i2t", "(not in the paper)"),
    ]
    /// The paper's Table 1 (COCO), by row: FID, precision, recall, CLIPScore, caption similarity; nil where it has none.
    /// The extracted table gives one precision/recall pair (0.68 / 0.53) for its first two rows.
    static let paper: [String: [Double?]] = [
        "t2i_baseline": [22.12, 0.68, 0.53, 17.21, nil],
        "crossflows_scratch": [25.48, 0.68, 0.53, 20.30, 0.2694],
        "crossflows_pretrained_t2i": [27.38, 0.68, 0.52, 19.81, 0.6185],
        "crossflows_pretrained_i2t": [nil, nil, nil, nil, nil],
    ]
    /// The columns: configuration suffix, metric, header, whether higher is better.
    static let columns: [(suffix: String, metric: String, header: String)] = [
        ("", "fid_shapes", "fid_shapes ↓"), ("", "precision_shapes", "precision ↑"), ("", "recall_shapes", "recall ↑"),
        ("", "clipscore_x100_shapes", "CLIPScore ↑"), ("_i2t", "caption_similarity", "caption sim ↑"),
        ("", "pixel_colour_accuracy", "t2i colour ↑"), ("", "pixel_position_accuracy", "t2i cell ↑"),
        ("", "t2i_exact_scene_accuracy", "t2i exact scene ↑"), ("_i2t", "i2t_exact_scene_accuracy", "i2t exact scene ↑"),
        ("_i2t", "i2t_color_accuracy", "i2t colour ↑"), ("_i2t", "cider", "CIDEr ↑"),
        ("_i2t", "ppl_bound_generated", "ppl bound ↓"), ("_pairs", "pair_consistency", "pair consistency ↑"),
    ]
    static let relativeMargin = SeedStatistic.relativeMargin

    /// Per seed: configuration name → metric values.
    let evaluations: [[String: [MetricValue]]]

    /// One metric of one configuration over seeds; empty when absent.
    func values(_ configuration: String, _ metric: String) -> [Double] {
        evaluations.compactMap { $0[configuration]?.first { $0.name == metric }?.value }.filter { $0.isFinite }
    }

    /// Mean and standard deviation over seeds; nil when absent.
    func statistic(_ configuration: String, _ metric: String) -> (mean: Double, std: Double)? {
        SeedStatistic(values: values(configuration, metric)).map { ($0.mean, $0.std) }
    }

    /// Whether the run has the table's rows.
    var applies: Bool {
        let present = Self.rows.filter { row in evaluations.first?[row.name] != nil }
        return present.contains { $0.name == "crossflows_scratch" } && present.count > 1
    }

    /// How `a` compares with `b`: 1 (greater), -1 (smaller), 0 (tie under the thresholds), nil when one is absent
    /// (``SeedStatistic/compare(_:_:)``).
    func compare(_ a: (mean: Double, std: Double)?, _ b: (mean: Double, std: Double)?) -> Int? {
        SeedStatistic.compare(a.map { SeedStatistic(mean: $0.mean, std: $0.std, count: 0) }, b.map { SeedStatistic(mean: $0.mean, std: $0.std, count: 0) })
    }

    func markdown() -> String {
        guard applies else { return "" }
        func cell(_ value: (mean: Double, std: Double)?) -> String {
            guard let value else { return "–" }
            return evaluations.count > 1 ? String(format: "%.3f ± %.3f", value.mean, value.std) : String(format: "%.3f", value.mean)
        }
        var text = "## Table 1 at this scale\n\n"
        text += "The paper's numbers are on COCO at 256 px (FID on Inception features, CLIPScore of OpenAI CLIP, caption "
        text += "similarity of a sentence encoder); ours are on shapes with FlowLab's own scene-reader features and shapes CLIP: "
        text += "compare orderings, not values.\n\n"
        text += "| row | paper's method | paper FID ↓ | paper P / R ↑ | paper CLIPScore ↑ | paper caption sim ↑ | "
        text += Self.columns.map(\.header).joined(separator: " | ") + " |\n"
        text += "|---|---|--:|--:|--:|--:|" + String(repeating: "--:|", count: Self.columns.count) + "\n"
        for row in Self.rows where evaluations.first?[row.name] != nil {
            let paper = Self.paper[row.name] ?? []
            func p(_ index: Int) -> String { paper.indices.contains(index) ? paper[index].map { String(format: "%g", $0) } ?? "–" : "–" }
            text += "| `\(row.name)` | \(row.paper) | \(p(0)) | \(p(1)) / \(p(2)) | \(p(3)) | \(p(4)) | "
            text += Self.columns.map { cell(statistic(row.name + $0.suffix, $0.metric)) }.joined(separator: " | ") + " |\n"
        }
        text += "\nCaptioning columns come from `<row>_i2t` (the test image held, the caption from the mask), pair consistency "
        text += "from `<row>_pairs` (unconditional pairs); `t2i_baseline`'s caption flow is not trained (its caption loss weighs 0).\n\n"
        text += claims()
        return text
    }

    /// The paper's claims on Table 1, each decided from this run's numbers.
    func claims() -> String {
        var text = "### Does the paper's Table 1 reproduce?\n\n"
        text += "Two values differ when they are more than \(Int(Self.relativeMargin * 100))% of the larger apart"
        text += evaluations.count > 1 ? " and more than twice the larger standard deviation over seeds" : ""
        text += "; otherwise they tie. A claim whose numbers are missing from this run is *not checked*.\n\n"
        let baseline = "t2i_baseline", scratch = "crossflows_scratch", pretrained = "crossflows_pretrained_t2i"
        let captionPretrained = "crossflows_pretrained_i2t"
        func verdict(_ holds: Bool?) -> String {
            guard let holds else { return "*not checked* (a number is missing)" }
            return holds ? "**reproduces**" : "**does not reproduce**"
        }
        func f(_ configuration: String, _ metric: String) -> String {
            statistic(configuration, metric).map { String(format: "%.3f", $0.mean) } ?? "–"
        }
        func fid(_ row: String) -> (mean: Double, std: Double)? { statistic(row, "fid_shapes") }
        let c1 = compare(fid(scratch), fid(baseline)).map { $0 > 0 }
        text += "1. *Trained jointly from scratch, the image flow is worse than the text-to-image baseline* (paper: FID 25.48 vs 22.12): "
        text += "fid_shapes \(f(scratch, "fid_shapes")) vs \(f(baseline, "fid_shapes")). \(verdict(c1)).\n"
        let c2a = compare(fid(pretrained), fid(scratch)), c2b = compare(fid(pretrained), fid(baseline))
        let c2 = c2a.flatMap { a in c2b.map { b in a > 0 && b > 0 } }
        text += "2. *Initialising the joint image flow from a pretrained text-to-image model does not recover the baseline; it is "
        text += "worse than both* (paper: FID 27.38): fid_shapes \(f(pretrained, "fid_shapes")). \(verdict(c2)).\n"
        let clip = "clipscore_x100_shapes"
        let c3a = compare(statistic(scratch, clip), statistic(baseline, clip)), c3b = compare(statistic(pretrained, clip), statistic(baseline, clip))
        let c3 = c3a.map { a in a > 0 && (c3b.map { $0 > 0 } ?? true) }
        text += "3. *The joint models align images with their prompts better than the baseline* (paper: CLIPScore 20.30 and 19.81 vs "
        text += "17.21): CLIPScore \(f(scratch, clip)) and \(f(pretrained, clip)) vs \(f(baseline, clip)). \(verdict(c3)).\n"
        let precisions = [baseline, scratch, pretrained].compactMap { statistic($0, "precision_shapes")?.mean }
        let c4: Bool? = precisions.count < 2 ? nil : (precisions.max()! - precisions.min()!) <= 0.05
        text += "4. *Precision is about the same for every model* (paper: 0.68 throughout): precision "
        text += "\([baseline, scratch, pretrained].map { f($0, "precision_shapes") }.joined(separator: ", ")) (within 0.05). \(verdict(c4)).\n"
        let captionMetric = values(scratch + "_i2t", "caption_similarity").isEmpty ? "cider" : "caption_similarity"
        let c5 = compare(statistic(pretrained + "_i2t", captionMetric), statistic(scratch + "_i2t", captionMetric)).map { $0 > 0 }
        text += "5. *The pretrained-T2I joint model captions better than the one from scratch* (paper: caption similarity 0.6185 vs "
        text += "0.2694): \(captionMetric) \(f(pretrained + "_i2t", captionMetric)) vs \(f(scratch + "_i2t", captionMetric)). \(verdict(c5)).\n"
        let scene = "i2t_exact_scene_accuracy"
        let c6 = compare(statistic(captionPretrained + "_i2t", scene), statistic(scratch + "_i2t", scene)).map { $0 > 0 }
        text += "6. *(The project's question, not the paper's.) A pretrained caption flow captions better than training from scratch*: "
        text += "\(scene) \(f(captionPretrained + "_i2t", scene)) vs \(f(scratch + "_i2t", scene)). "
        text += c6.map { $0 ? "**yes**" : "**no**" } ?? "*not checked*"
        text += ".\n\nAt this scale (\(evaluations.count) seed\(evaluations.count == 1 ? "" : "s"), thousands of steps instead of the "
        text += "paper's COCO + CC3M training) a negative answer can also mean undertrained models.\n"
        return text
    }
}
