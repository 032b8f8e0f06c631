import FlowData
import FlowMetrics
import FlowModels

/// `shapes_pairs`: CrossFlows' joint pairs on `shapes`, whether each generated caption describes its generated image
/// and whether images and captions keep the data's concepts.
///
/// Image `i` and caption `i` were generated together. The computation is `ShapesPairEvaluation`'s
/// (`JointPairMetrics`): `pair_consistency` (the caption parses to exactly the scene the scene reader reads from the
/// image), `caption_grammatical_rate`, the total variation of the colour x shape concepts of the images (as the reader
/// reads them) and of the captions (as they parse) from the data's (`concept_tv_*`), and their mass on the data's rarest
/// concepts holding 20% of its mass (`rare_mass_*`, next to the data's own, `rare_mass_data`). The data's concepts are
/// those of 20,000 training scenes of the run's `shapes` settings (imbalance and held-out compositions included);
/// `prepare` counts them (no rendering) and loads the reader (`SuiteSceneReader`, trained once into the stage cache).
/// `pair_pixel_colour_agreement` and `pair_pixel_cell_agreement` are the partial check that needs no reader: the colour
/// and cell the pixels show (`PixelSceneMetrics.read`) against the caption's, for one-object captions.
///
/// Unchecked `Sendable`: the reader and the data's concepts are set once by `prepare` and only read afterwards.
struct ShapesPairSuite: EvaluatorSuite, @unchecked Sendable {
    static let name = "shapes_pairs"
    /// Training scenes whose objects give the data's concept distribution.
    static let dataSceneCount = 20_000

    /// The scene reader, loaded (or trained once) by `prepare`.
    private(set) var reader: SuiteSceneReader
    /// The data's colour x shape distribution; nil until `prepare`.
    private(set) var dataConcepts: ConceptDistribution?

    var name: String { Self.name }
    var needs: Set<EvaluationNeed> { [.images, .captions] }

    /// A suite that loads (or trains once) the reader of `training` in `prepare`, by default the standard one.
    init(training: SceneReaderTraining? = nil) {
        reader = SuiteSceneReader(training: training)
    }

    /// A suite already prepared with `reader` and the data's concepts `dataConcepts`.
    init(reader: SceneReader, dataConcepts: ConceptDistribution) {
        self.reader = SuiteSceneReader(reader: reader)
        self.dataConcepts = dataConcepts
    }

    mutating func prepare(_ context: EvaluationContext) throws {
        try reader.prepare(context, suite: name)
        dataConcepts = ShapesPairEvaluation.dataConcepts(try context.requiredShapes(for: name), count: Self.dataSceneCount)
    }

    func evaluate(_ input: EvaluationInput, context: EvaluationContext) throws -> [MetricValue]? {
        let evaluation = try reader.evaluation(for: input, suite: name)
        guard let dataConcepts else {
            throw EvaluatorSuiteError(suite: name, configuration: input.configuration, "evaluated before prepare counted the data's concepts")
        }
        let images = try input.requiredImages(for: name)
        let captions = try input.requiredImageCaptions(for: name)
        if context.stopRequested { return nil }
        let results = try EvaluatorSuiteError.attributing(to: name, configuration: input.configuration) {
            try ShapesPairEvaluation(reader: evaluation.reader).evaluate(images: images, captions: captions, data: dataConcepts)
        }
        return results.entries.map { Self.metric($0.name, $0.value) } + Self.pixelAgreement(images: images, captions: captions, imageSize: input.imageSize)
    }

    /// The fraction of pairs whose caption parses to one object with the colour, and with the cell, that the pixels show
    /// in the image's most salient cell (`PixelSceneMetrics.read`); a caption that does not parse, or names more than one
    /// object, disagrees. Chance 1/6 and 1/9.
    static func pixelAgreement(images: [UInt8], captions: [String], imageSize: Int) -> [MetricValue] {
        let imageBytes = imageSize * imageSize * 3
        var (colour, cell) = (0, 0)
        for (index, caption) in captions.enumerated() {
            guard let object = (try? ShapeCaptionParser.parse(caption))?.objects, object.count == 1 else { continue }
            let reading = PixelSceneMetrics.read(images[(index * imageBytes)..<((index + 1) * imageBytes)], imageSize: imageSize)
            if reading.color == object[0].color { colour += 1 }
            if reading.cell == object[0].cell { cell += 1 }
        }
        let count = Double(max(1, captions.count))
        return [Self.metric("pair_pixel_colour_agreement", Double(colour) / count), Self.metric("pair_pixel_cell_agreement", Double(cell) / count)]
    }

    /// Entry `name` of `JointPairMetrics` with its description; an unknown name is a programmer error.
    static func metric(_ name: String, _ value: Double) -> MetricValue {
        let data = "the data's (\(dataSceneCount) training scenes)"
        let rare = "the data's rarest colour x shape concepts, those holding its least frequent 20% of mass"
        let (description, higherIsBetter): (String, Bool?) = switch name {
        case "pair_consistency":
            ("fraction of generated pairs whose caption parses (ShapeCaptionParser) to exactly the objects the scene reader "
                + "reads from the image, none missing and none extra (an ungrammatical caption is inconsistent)", true)
        case "caption_grammatical_rate":
            ("fraction of generated captions that parse as shapes captions (ShapeCaptionParser)", true)
        case "concept_tv_images":
            ("total variation distance of the colour x shape distribution of the objects the scene reader reads from the "
                + "generated images from \(data); 0 to 1", false)
        case "concept_tv_captions":
            ("total variation distance of the colour x shape distribution of the objects the generated captions describe "
                + "from \(data); 0 to 1, NaN when no caption parses", false)
        case "rare_mass_images":
            ("share of the objects the scene reader reads from the generated images whose concept is among \(rare) "
                + "(a faithful generator keeps rare_mass_data)", nil)
        case "rare_mass_captions":
            ("share of the objects the generated captions describe whose concept is among \(rare) (a faithful generator "
                + "keeps rare_mass_data; NaN when no caption parses)", nil)
        case "rare_mass_data":
            ("the data's own share of objects on \(rare): what rare_mass_images and rare_mass_captions compare with", nil)
        case "pairs":
            ("number of generated pairs scored", nil)
        case "pair_pixel_colour_agreement":
            ("fraction of generated pairs whose caption parses to one object of the colour the pixels show in the image's "
                + "most salient cell (no reader; chance 1/6)", true)
        case "pair_pixel_cell_agreement":
            ("fraction of generated pairs whose caption parses to one object in the image's most salient cell, read from "
                + "the pixels (no reader; chance 1/9)", true)
        default:
            preconditionFailure("ShapesPairSuite: no description of the pair metric '\(name)'")
        }
        return MetricValue(name: name, value: value, description: description, higherIsBetter: higherIsBetter)
    }
}
