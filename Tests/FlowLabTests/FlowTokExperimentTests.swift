import FlowHDF5
import FlowModels
import FlowNN
import FlowTensor
import Foundation
import XCTest
@testable import FlowLab

/// `Experiments/flowtok-small.yaml` end to end through `flowlab run`: the tokenizer stage must reconstruct far
/// better than the mean image, the contrastive alignment loss must fall, the text-to-image flow must draw the object
/// in the prompted colour and cell far above chance, the CFG indicator at s = 2 must not break that, and the
/// image-to-text stage must write parsable captions naming the object's cell and colour far above chance.
final class FlowTokExperimentTests: XCTestCase {
    static let spec = "Experiments/flowtok-small.yaml"

    func testFlowTokLearnsTokensAlignmentAndPromptedColours() throws {
        let flowlab = try FlowlabProcess(self)
        let run = flowlab.folder.appendingPathComponent("run")
        let stages = flowlab.folder.appendingPathComponent("stages")
        let result = try flowlab.run(["run", Self.spec, "--run-dir", run.path, "--threads", "2"], environment: ["FLOWLAB_STAGES": stages.path])
        XCTAssertEqual(result.status, 0, result.standardError)

        let metrics = try HDF5File.open(run.appendingPathComponent("metrics.h5"))
        defer { try? metrics.close() }
        func metric(_ configuration: String, _ name: String) throws -> Double {
            try metrics.read("/eval/\(configuration)/\(name)", as: Double.self).values[0]
        }
        func curve(_ model: String, _ series: String) throws -> [Double] {
            try metrics.read("/train/\(model)/\(series)", as: Double.self).values
        }
        // The contrastive alignment loss falls (log(32) ≈ 3.47 for unaligned tokens in a batch of 32).
        let alignment = try curve("flowtok-small", "loss_align")
        let early = alignment.prefix(3).reduce(0, +) / 3, late = alignment.suffix(3).reduce(0, +) / 3
        print("flowtok-small: contrastive alignment loss \(early) (first logs) -> \(late) (last logs)")
        XCTAssertLessThan(late, 0.5 * early, "the contrastive alignment loss must fall")

        // Text to image: the prompted colour (chance 1/6) and cell (chance 1/9) far above chance at s = 2 (measured
        // with two threads: colour 0.535 / 0.505, cell 0.60 / 0.58 at s = 1 / 2). Colour needs the 4 px tokenizer:
        // with 8 px patches it stayed at chance (0.165-0.245). The CFG indicator does not raise adherence at this
        // scale (s = 2 is level with s = 1 here and at default size), so the test only guards that guidance at s = 2
        // does not break it (a sign or pairing error in the indicator would send it towards chance).
        let s1 = try metric("flowtok-small_s1.0", "pixel_colour_accuracy"), s2 = try metric("flowtok-small_s2.0", "pixel_colour_accuracy")
        let p1 = try metric("flowtok-small_s1.0", "pixel_position_accuracy"), p2 = try metric("flowtok-small_s2.0", "pixel_position_accuracy")
        print("flowtok-small: colour accuracy s = 1: \(s1), s = 2: \(s2) (chance 0.167); position accuracy s = 1: \(p1), s = 2: \(p2) (chance 0.111)")
        XCTAssertGreaterThan(try metric("data_reference", "pixel_colour_accuracy"), 0.97)
        XCTAssertGreaterThan(s2, 0.4, "text tokens must flow into images of the prompted colour")
        XCTAssertGreaterThan(p2, 0.4, "text tokens must flow into images with the object in the prompted cell")
        XCTAssertGreaterThan(s2 + p2, 0.8 * (s1 + p1), "the CFG indicator at s = 2 must not break prompt adherence")
        let samples = try HDF5File.open(run.appendingPathComponent("samples.h5"))
        defer { try? samples.close() }
        for configuration in ["flowtok-small_s1.0", "flowtok-small_s2.0"] {
            XCTAssertEqual(try samples.datasetInfo("/\(configuration)/seed_0/images").shape, [200, 16, 16, 3], configuration)
        }

        // Image to text (stage i2t): the test images' tokens flow into text latents that the text decoder reads as
        // captions (trained on one canonical phrasing per image); shapes_i2t parses them against the true scenes, an
        // unparsable caption counting wrong in every attribute. Measured with two threads: grammatical 0.825, position
        // 0.78 (chance 0.111), colour 0.485 (chance 0.167); shape 0.265 (chance 0.25) and size 0.645 (chance 0.5) are
        // printed, not asserted.
        let i2t = "flowtok-small_i2t"
        let grammatical = try metric(i2t, "i2t_grammatical_rate")
        let i2tPosition = try metric(i2t, "i2t_position_accuracy"), i2tColour = try metric(i2t, "i2t_color_accuracy")
        let i2tShape = try metric(i2t, "i2t_shape_accuracy"), i2tSize = try metric(i2t, "i2t_size_accuracy")
        print("flowtok-small image to text: grammatical \(grammatical), position accuracy \(i2tPosition) (chance 0.111), colour \(i2tColour) (chance 0.167), shape \(i2tShape) (chance 0.25), size \(i2tSize) (chance 0.5), exact scene \(try metric(i2t, "i2t_exact_scene_accuracy"))")
        XCTAssertEqual(try samples.readStrings("/\(i2t)/seed_0/captions").count, 200)
        XCTAssertGreaterThan(grammatical, 0.3, "most decoded captions must parse as shapes captions")
        XCTAssertGreaterThan(i2tPosition, 0.3, "image tokens must flow into captions that name the object's cell far above chance")
        XCTAssertGreaterThan(i2tColour, 0.3, "image tokens must flow into captions that name the object's colour far above chance")
        // caption_metrics scores the same captions against the five references; the sampling throughput is a metric of
        // every sampled configuration (wall clock, so only its presence is asserted).
        print("flowtok-small image to text: BLEU-4 \(try metric(i2t, "bleu_4")), ROUGE-L \(try metric(i2t, "rouge_l")), CIDEr-D \(try metric(i2t, "cider")), caption similarity \(try metric(i2t, "caption_similarity")); sampling \(try metric("flowtok-small_s2.0", "sampling_images_per_second")) images/s (s = 2), \(try metric(i2t, "sampling_captions_per_second")) captions/s")
        XCTAssertGreaterThan(try metric("flowtok-small_s1.0", "sampling_images_per_second"), 0)
        XCTAssertGreaterThan(try metric(i2t, "sampling_captions_per_second"), 0)

        // The tokenizer stage: reconstruction error of test images far below the mean image's.
        let cache = StageCache(root: stages)
        let spec = try ExperimentSpec.load(file: FlowlabProcess.packageRoot.appendingPathComponent(Self.spec).path)
        let entry = try XCTUnwrap(try StagePlan(spec: spec, cache: cache).entries.first { $0.stage == "tokenizer" })
        let folder = try XCTUnwrap(cache.lookup(entry.key))
        let stageSpec = try spec.stage(named: "tokenizer")
        let options = try ComponentRegistry.standard.make(FlowTokTokenizerOptions.self, .model, from: stageSpec.model)
        let data = try CaptionedImageData.load(stageSpec, registry: .standard)
        var generator = RandomGenerator(seed: 0)
        let tokenizer = try options.makeModel(spec: stageSpec, data: data, generator: &generator)
        try FrozenStages(checkpoints: ["tokenizer": folder.appendingPathComponent("checkpoint.h5")])
            .load(FrozenStageReference(stage: "tokenizer"), option: "tokenizer", into: tokenizer)
        let records = try data.test.records(at: Array(0..<200))
        let images = Tensor(shape: [200, 16, 16, 3], scalars: records.flatMap(\.pixels).map { Float($0) / 127.5 - 1 })
        let reconstruction = withNoGradient { Tensor.meanSquaredError(tokenizer.decode(tokenizer.encode(images).mean), images).item }
        let meanImage = images.mean(axes: [0], keepDims: true)
        let baseline = Tensor.meanSquaredError(meanImage.broadcast(to: images.shape), images).item
        print("flowtok-small tokenizer: reconstruction MSE \(reconstruction), mean-image baseline \(baseline)")
        XCTAssertLessThan(reconstruction, 0.6 * baseline, "the tokenizer must reconstruct far better than the mean image")
        // The run reports the same reconstructions' PSNR (the mean image's MSE of 0.034 on [-1, 1] is about 20.7 dB).
        let psnr = try metric("flowtok-small_reconstruction", "psnr")
        print("flowtok-small tokenizer: reconstruction PSNR \(psnr) dB")
        XCTAssertGreaterThan(psnr, 25, "the tokenizer's reconstructions must be far sharper than the mean image")
    }

    func testWrongStageKindsAndSizesAreSpecErrors() throws {
        let path = FlowlabProcess.packageRoot.appendingPathComponent(Self.spec).path
        let spec = try ExperimentSpec.load(file: path, overrides: ["model.tokenizer.stage=text", "stages.text.model.latent_channels=4"])
        XCTAssertThrowsError(try ExperimentRunner.validate(spec)) { error in
            let text = "\(error)"
            XCTAssertTrue(text.contains("model.tokenizer.stage: stage 'text' cannot serve as tokenizer: its model is 'flowtok_text'; name a 'flowtok_tokenizer' stage"), text)
            XCTAssertTrue(text.contains("model.text.stage: stage 'text' cannot serve as text: its projector"), text)
        }
        let i2t = try ExperimentSpec.load(file: path, overrides: ["stages.i2t.model.text.stage=tokenizer"])
        XCTAssertThrowsError(try ExperimentRunner.validate(i2t)) { error in
            XCTAssertTrue("\(error)".contains("stages.i2t.model.text.stage: stage 'tokenizer' cannot serve as text: its model is 'flowtok_tokenizer'; name a 'flowtok_text' stage"), "\(error)")
        }
        let channels = try ExperimentSpec.load(file: path, overrides: ["stages.tokenizer.model.latent_channels=4"])
        XCTAssertThrowsError(try ExperimentRunner.validate(channels)) { error in
            XCTAssertTrue("\(error)".contains("its tokens have 4 channels, this flow's 8; set latent_channels equal in both"), "\(error)")
        }
    }
}
