import ArgumentParser
import FlowMetrics

/// `flowlab eval features`: distribution metrics between real and generated feature sets.
struct EvalFeaturesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "features",
        abstract: "Compare real and generated feature sets (FID, KID, precision/recall, density/coverage).",
        discussion: """
        Each feature set is an N x D matrix (one row per sample), float32 or float64: a .npy file, or \
        a dataset of an HDF5 file written file.h5:/dataset (the path may be left out when the file \
        holds one dataset). Prints fid, kid_mean, kid_std, precision, recall, density and coverage \
        as one JSON object.

        Examples:
          flowlab eval features --real real_features.npy --fake sample_features.npy
          flowlab eval features --real real.h5:/features --fake samples.h5:/features \\
            --k 5
        """
    )

    @Option(help: ArgumentHelp("Features of real data: file.npy or file.h5:/dataset (N x D).", valueName: "file"))
    var real: String

    @Option(help: ArgumentHelp("Features of generated data: file.npy or file.h5:/dataset (M x D).", valueName: "file"))
    var fake: String

    @Option(help: "Nearest neighbours for precision/recall and density/coverage (default: 3 and 5, the reference implementations').")
    var k: Int?

    func validate() throws {
        if let k, k <= 0 { throw ValidationError("--k must be positive, got \(k)") }
    }

    func run() throws {
        let realFeatures = try FeatureSetSource(role: "real", argument: real).load()
        let fakeFeatures = try FeatureSetSource(role: "fake", argument: fake).load()
        var metrics = FeatureMetrics()
        if let k {
            metrics.precisionRecall.neighbourCount = k
            metrics.densityCoverage.neighbourCount = k
        }
        print(try metrics.evaluate(real: realFeatures, fake: fakeFeatures).jsonObject())
    }
}
