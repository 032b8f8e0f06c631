/// What each accuracy of `SceneAttributeTally` measures, for the suites that compare objects with true scenes.
///
/// `truth` qualifies the true objects (`prompted`), `prediction` says where the compared objects come from
/// (`the scene reader reads from the generated image`); `subset` adds which scenes count (held-out prompts).
///
/// ```swift
/// SceneMetricDescriptions.metric("t2i_shape_accuracy", prefix: "t2i_", value: 0.9, truth: "prompted",
///                                prediction: "the scene reader reads from the generated image")
/// ```
enum SceneMetricDescriptions {
    /// Entry `name` (`prefix` then a `SceneAttributeTally` attribute, e.g. `t2i_color_accuracy`) with its description.
    ///
    /// A name outside `SceneAttributeTally.entries` is a programmer error.
    static func metric(_ name: String, prefix: String, value: Double, truth: String, prediction: String,
                       subset: String? = nil) -> MetricValue {
        guard name.hasPrefix(prefix), let (text, higherIsBetter) = describe(String(name.dropFirst(prefix.count)),
                                                                         truth: truth, prediction: prediction) else {
            preconditionFailure("SceneMetricDescriptions: no description of the scene metric '\(name)'")
        }
        return MetricValue(name: name, value: value, description: text + (subset.map { "; \($0)" } ?? ""),
                           higherIsBetter: higherIsBetter)
    }

    /// The description and direction of `attribute` (`shape_accuracy`, ..., `scenes`), or nil for an unknown one.
    static func describe(_ attribute: String, truth: String, prediction: String) -> (String, Bool?)? {
        let partner = "(its partner: the object in its cell, else the unclaimed one agreeing most in shape, colour and size)"
        switch attribute {
        case "shape_accuracy":
            return ("fraction of \(truth) objects whose partner among the objects \(prediction) has their shape \(partner); chance 1/4", true)
        case "color_accuracy":
            return ("fraction of \(truth) objects whose partner among the objects \(prediction) has their colour \(partner); chance 1/6", true)
        case "size_accuracy":
            return ("fraction of \(truth) objects whose partner among the objects \(prediction) has their size \(partner); chance 1/2", true)
        case "position_accuracy":
            return ("fraction of \(truth) objects whose cell of the 3 x 3 grid holds one of the objects \(prediction); "
                    + "chance 1/9 for one object", true)
        case "object_accuracy":
            return ("fraction of \(truth) objects whose partner among the objects \(prediction) is right in shape, colour, size "
                    + "and cell \(partner); chance 1/432 for one object", true)
        case "exact_scene_accuracy":
            return ("fraction of scenes where the objects \(prediction) are exactly the \(truth) objects, none missing and none extra", true)
        case "scenes":
            return ("number of scenes scored", nil)
        default:
            return nil
        }
    }
}
