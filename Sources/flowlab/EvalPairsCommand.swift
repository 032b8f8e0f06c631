import ArgumentParser
import FlowData
import FlowLab
import FlowMetrics
import Foundation

/// `flowlab eval pairs`: pair consistency and concept distribution of jointly generated shapes images and captions.
struct EvalPairsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "pairs",
        abstract: "Score generated shapes image + caption pairs: pair consistency and concept distribution.",
        discussion: """
        pair_consistency is the fraction of pairs whose caption parses to exactly the scene FlowLab's \
        shapes scene reader reads from the image. Concept metrics compare the colour x shape \
        distribution of the images (concept_tv_images, rare_mass_images) and captions \
        (concept_tv_captions, rare_mass_captions) with the data's: the scenes of --reference, or by \
        default 20,000 train scenes of shapes with 1 and 2 objects, no imbalance. rare_mass_* is the \
        mass on the data's rarest concepts holding 20% of its mass (rare_mass_data). The reader comes \
        from the stage cache (trained on first use). clipscore_hessel_shapes (2.5 max(cos, 0)) and \
        clipscore_x100_shapes (max(100 cos, 0), the scale CrossFlows reports) score each image against its \
        caption with FlowLab's shapes CLIP encoder (its own stage, trained on first use; not OpenAI's CLIP). \
        Prints one JSON object.

        Examples:
          flowlab eval pairs --images samples.h5:/joint/images --captions samples.h5:/joint/captions
          flowlab eval pairs --images Data/shapes-test.h5:/images --captions Data/shapes-test.h5:/captions \\
            --reference Data/shapes-train.h5
        """
    )

    @Option(help: ArgumentHelp("Generated images: FILE.h5:/dataset, uint8 [N, S, S, 3].", valueName: "file:path"))
    var images: String

    @Option(help: ArgumentHelp("Their captions: FILE.h5:/dataset of strings [N] or [N, K] (first taken).", valueName: "file:path"))
    var captions: String

    @Option(help: ArgumentHelp("A shapes file whose scenes give the data's concept distribution.", valueName: "file"))
    var reference: String?

    @Option(help: ArgumentHelp("The stage cache holding the scene reader (default Results/.stages, or $FLOWLAB_STAGES).", valueName: "folder"))
    var stages: String?

    @Flag(help: "No progress or log lines on standard error.")
    var quiet = false

    func run() throws {
        let images = try ShapesEvaluationInput.images(images)
        let captions = try ShapesEvaluationInput.captions(captions)
        guard captions.count == images.count else {
            throw ValidationError("\(images.count) images but \(captions.count) captions")
        }
        let data = try reference.map { ConceptDistribution(objects: try ShapesEvaluationInput.scenes($0).flatMap(\.objects)) }
            ?? ShapesPairEvaluation.dataConcepts(try ShapesConfiguration(objectCounts: [1, 2]))
        let cache = stages.map { StageCache(root: URL(fileURLWithPath: $0)) } ?? .standard
        let stage = try SceneReaderStage.standard(imageSize: images.size, cache: cache, quiet: quiet)
        let results = try ShapesPairEvaluation(reader: stage.reader).evaluate(images: images.pixels, captions: captions, data: data)
        let clip = try ShapesCLIPStage.standard(imageSize: images.size, cache: cache, quiet: quiet)
        let scores = try ShapesCLIPScore(encoder: clip.encoder).evaluate(images: images.pixels, texts: captions)
        print(FeatureMetricResults(entries: results.entries + scores).jsonObject(
            extra: ["scene_reader_stage": stage.folder.path, "clipscore_encoder": ShapesCLIPScore.encoderName,
                    "clipscore_stage": clip.folder.path]))
    }
}
