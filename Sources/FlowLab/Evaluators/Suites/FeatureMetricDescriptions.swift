/// What each distribution metric of `FeatureMetrics` measures, for the suites that report them in some feature space.
///
/// ```swift
/// FeatureMetricDescriptions.metric("fid", as: "fid_shapes", value: 3.2, features: "the scene reader's features")
/// ```
enum FeatureMetricDescriptions {
    /// Entry `metric` of `FeatureMetrics` (`fid`, `kid_mean`, ...) computed on `features`, reported as `name`.
    ///
    /// An unknown `metric` is a programmer error: every entry `FeatureMetrics` returns has a description here.
    static func metric(_ metric: String, as name: String, value: Double, features: String) -> MetricValue {
        guard let (description, higherIsBetter) = describe(metric, features: features) else {
            preconditionFailure("FeatureMetricDescriptions: no description of the distribution metric '\(metric)'")
        }
        return MetricValue(name: name, value: value, description: description, higherIsBetter: higherIsBetter)
    }

    /// The description and direction of `metric` on `features`, or nil for a name `FeatureMetrics` does not return.
    static func describe(_ metric: String, features: String) -> (description: String, higherIsBetter: Bool?)? {
        switch metric {
        case "fid":
            ("Frechet distance between Gaussians fitted to \(features) of the generated and the reference images", false)
        case "kid_mean":
            ("kernel inception distance on \(features): unbiased squared MMD with the cubic polynomial kernel, mean over "
                + "100 random subsets of up to 1000 images of each set (torch-fidelity's defaults)", false)
        case "kid_std":
            ("standard deviation over the 100 subsets of the kernel inception distance on \(features)", nil)
        case "precision":
            ("fraction of generated images within the k = 3 nearest-neighbour radius of some reference image, on \(features) "
                + "(Kynkaanniemi et al.)", true)
        case "recall":
            ("fraction of reference images within the k = 3 nearest-neighbour radius of some generated image, on \(features) "
                + "(Kynkaanniemi et al.)", true)
        case "density":
            ("mean number of reference k = 5 nearest-neighbour balls holding each generated image, divided by 5, on "
                + "\(features) (Naeem et al.; about 1 when the distributions match, above 1 when samples crowd dense regions)", nil)
        case "coverage":
            ("fraction of reference images whose k = 5 nearest-neighbour ball holds some generated image, on \(features) "
                + "(Naeem et al.)", true)
        default:
            nil
        }
    }
}
