import Foundation

/// The Appendix C section of a long-tail CrossFlows run's `report.md` (`Experiments/crossflows-longtail.yaml`): does
/// CFG lose the rare concepts, does cross-guidance keep them, at what cost in prompt adherence?
///
/// Configurations are found by name: `cfg_w3` (and optionally `cfg_w1_5`, `frozen`), `cross`, `cross_cfg`; concepts
/// come from `shapes_pairs` (`rare_mass_images`, `rare_mass_data`, `concept_tv_images`), adherence from `shapes_pixels`
/// (`pixel_colour_accuracy`). The section is written when a run has `cfg_w3` and `cross` with those metrics.
///
/// Thresholds (fixed before any run): a configuration *loses* the rare concepts when its mass on them is below
/// `keptFraction` (0.8) of the data's, and *keeps* them otherwise; adherence *costs* when the colour accuracy drops by
/// more than `adherenceMargin` (0.05). The concepts are colour x shape pairs as the scene reader reads them, so the
/// rare-concept claims are decidable only when the reader reads the generated shapes: the best configuration's
/// `t2i_shape_accuracy` must reach `readableShapes` (0.5; chance is 1/4), else they are *not decidable*.
struct CrossFlowsLongTailSection {
    static let keptFraction = 0.8
    static let adherenceMargin = 0.05
    static let readableShapes = 0.5

    /// Per seed: configuration name → metric values.
    let evaluations: [[String: [MetricValue]]]

    /// The mean over seeds of one metric of one configuration; nil when absent or not finite.
    func value(_ configuration: String, _ metric: String) -> Double? {
        let values = evaluations.compactMap { $0[configuration]?.first { $0.name == metric }?.value }.filter(\.isFinite)
        return values.isEmpty ? nil : values.reduce(0, +) / Double(values.count)
    }

    var applies: Bool { value("cfg_w3", "rare_mass_images") != nil && value("cross", "rare_mass_images") != nil }

    func markdown() -> String {
        guard applies, let data = value("cfg_w3", "rare_mass_data") else { return "" }
        func f(_ x: Double?) -> String { x.map { String(format: "%.3f", $0) } ?? "–" }
        func verdict(_ holds: Bool?) -> String {
            guard let holds else { return "*not checked* (a number is missing)" }
            return holds ? "**reproduces**" : "**does not reproduce**"
        }
        let configurations = ["frozen", "cfg_w1_5", "cfg_w3", "cross", "cross_cfg"].filter { value($0, "rare_mass_images") != nil }
        var text = "## Appendix C on images: CFG against cross-guidance on a long tail\n\n"
        text += "| configuration | rare-concept mass (data \(f(data))) | concept TV from the data ↓ | prompted colour ↑ | prompted cell ↑ |\n"
        text += "|---|--:|--:|--:|--:|\n"
        for name in configurations {
            text += "| `\(name)` | \(f(value(name, "rare_mass_images"))) | \(f(value(name, "concept_tv_images"))) | "
            text += "\(f(value(name, "pixel_colour_accuracy"))) | \(f(value(name, "pixel_position_accuracy"))) |\n"
        }
        text += "\nRare concepts: the data's least frequent colour x shape pairs holding 20% of its mass. A configuration *loses* "
        text += "them below \(Self.keptFraction) of the data's mass on them (\(f(Self.keptFraction * data))) and *keeps* them "
        text += "otherwise; prompt adherence *costs* when the prompted-colour accuracy drops by more than \(Self.adherenceMargin).\n\n"
        let shapeAccuracy = configurations.compactMap { value($0, "t2i_shape_accuracy") }.max()
        let readable = shapeAccuracy.map { $0 >= Self.readableShapes } ?? true
        if !readable {
            text += "**The rare-concept claims (1, 2 and the rare half of 4) are not decidable in this run**: at most \(f(shapeAccuracy)) "
            text += "of the generated images show the prompted shape as the scene reader reads them (chance 0.25, needed "
            text += "\(Self.readableShapes)), so the colour x shape concepts are mostly noise: the model does not draw the shapes yet, "
            text += "or the reader cannot read them at this size. Train longer or larger.\n\n"
        }
        func decide(_ holds: Bool?) -> String { readable ? verdict(holds) : "*not decidable* (shapes unreadable)" }
        let cfg = value("cfg_w3", "rare_mass_images"), cross = value("cross", "rare_mass_images"), both = value("cross_cfg", "rare_mass_images")
        let floor = Self.keptFraction * data
        text += "1. *CFG over-produces the frequent concepts and loses the rare ones* (`cfg_w3`): rare mass \(f(cfg)). "
        text += "\(decide(cfg.map { $0 < floor })).\n"
        text += "2. *Cross-guidance keeps them* (`cross`): rare mass \(f(cross)), against CFG's \(f(cfg)). "
        text += "\(decide(cross.flatMap { c in cfg.map { c >= floor && c > $0 } })).\n"
        let adherence = (cfg: value("cfg_w3", "pixel_colour_accuracy"), cross: value("cross", "pixel_colour_accuracy"),
                         both: value("cross_cfg", "pixel_colour_accuracy"))
        let cost = adherence.cross.flatMap { c in adherence.cfg.map { $0 - c } }
        text += "3. *...at a cost in prompt adherence*: prompted colour \(f(adherence.cross)) with cross-guidance against "
        text += "\(f(adherence.cfg)) with CFG (a drop of \(f(cost))). \(verdict(cost.map { $0 > Self.adherenceMargin })).\n"
        let bothHolds = both.flatMap { b in adherence.both.flatMap { a in adherence.cross.map { b >= floor && a >= $0 - Self.adherenceMargin } } }
        text += "4. *Cross-guidance + CFG keeps the rare concepts and adheres at least as well as cross-guidance* (`cross_cfg`): "
        text += "rare mass \(f(both)), prompted colour \(f(adherence.both)). \(decide(bothHolds)).\n\n"
        text += "The prompts are the test split's captions, drawn from the same long tail as the training data, so a faithful "
        text += "text-to-image model keeps the data's rare mass.\n"
        return text
    }
}
