import ArgumentParser

/// `flowlab eval features`: distribution metrics between real and generated feature sets.
struct EvalFeaturesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "features",
        abstract: "Compare real and generated feature sets (FID, KID, precision/recall, density/coverage).",
        discussion: """
        Examples:
          flowlab eval features --real real_features.h5 --fake sample_features.h5
          flowlab eval features --real real_features.h5 --fake sample_features.h5 --k 5
        """
    )

    @Option(help: ArgumentHelp("Features of real data (HDF5, an N x D dataset).", valueName: "file"))
    var real: String

    @Option(help: ArgumentHelp("Features of generated data (HDF5, an M x D dataset).", valueName: "file"))
    var fake: String

    @Option(help: "Nearest neighbours for precision/recall and density/coverage.")
    var k = 3

    func validate() throws {
        if k <= 0 { throw ValidationError("--k must be positive, got \(k)") }
    }

    func run() throws {
        // WIRING: read both feature sets and call the feature metrics in FlowMetrics.
        throw notWiredYet("feature evaluation")
    }
}
