import FlowPlot
import Foundation

/// Writes `report.md` and the figures of a finished captioned-image run: the metrics table, an image grid with
/// each image's prompt underneath (`<experiment>.png`), and the training curves (`training.png`).
struct ImageExperimentReport {
    let spec: ExperimentSpec
    let directory: RunDirectory
    /// The first seed's configurations, the real-data ones included.
    let samples: [SampledImages]
    /// Per seed: configuration name → metric values.
    let evaluations: [[String: [MetricValue]]]
    let imageSize: Int
    /// Images per configuration in the grid.
    var columns = 8

    var figureName: String { "\(spec.experiment).png" }

    func write() throws {
        try writeGrid()
        for configuration in samples where configuration.inpaintingSources != nil { try writeInpaintingFigure(configuration) }
        try TrainingCurvesFigure.write(experiment: spec.experiment, directory: directory)
        try AtomicFile.write(markdown(), to: directory.reportURL)
    }

    func markdown() -> String {
        var text = "# \(spec.experiment): run \(directory.runID)\n\n"
        if let description = spec.description { text += description.trimmingCharacters(in: .whitespacesAndNewlines) + "\n\n" }
        text += "Seeds: \(spec.seeds.map(String.init).joined(separator: ", ")); \(spec.evaluation.samples) images per configuration. "
        text += "Every number below is in `metrics.h5` under `/eval/<configuration>/<metric>`; the images, prompts and "
        text += "reference images are in `samples.h5` (`/<configuration>/seed_<s>/images`, uint8 [N, \(imageSize), \(imageSize), 3]).\n\n"
        text += ResultsSection.markdown(seeds: spec.seeds, configurations: samples.map { ($0.name, $0.method) }, evaluations: evaluations)
        let table = CrossFlowsTableSection(evaluations: evaluations).markdown()
        if !table.isEmpty { text += "\n" + table }
        let longTail = CrossFlowsLongTailSection(evaluations: evaluations).markdown()
        if !longTail.isEmpty { text += "\n" + longTail }
        text += "\n## Samples\n\n![the first images of each configuration, prompt underneath](\(figureName))\n\n"
        text += "One row per configuration, in the order \(samples.map { "`\($0.name)`" }.joined(separator: ", ")); "
        text += "the same prompts in every column (seed \(spec.seeds[0])).\n\n"
        for configuration in samples where configuration.inpaintingSources != nil {
            text += "## Inpainting: `\(configuration.name)`\n\n![original, cut, inpainted](\(inpaintingFigureName(configuration)))\n\n"
            text += "Rows: the test image with its prompt, the image with the region cut out (`\(configuration.name)_cut`, the floor "
            text += "of the metrics above), the inpainted image with the caption the joint flow ended at. \(configuration.method).\n\n"
        }
        text += "## Training\n\n![training curves](training.png)\n"
        return text
    }

    /// The file of `configuration`'s inpainting figure.
    func inpaintingFigureName(_ configuration: SampledImages) -> String { "inpainting_\(configuration.name).png" }

    /// Three rows of the first `columns` test images: original (prompt), cut, inpainted (generated caption).
    private func writeInpaintingFigure(_ configuration: SampledImages) throws {
        guard let (originals, cut) = configuration.inpaintingSources else { return }
        let imageBytes = imageSize * imageSize * 3
        let count = min(columns, configuration.pixels.count / imageBytes)
        var images: [CaptionedImage] = []
        let rows: [([UInt8], (Int) -> String)] = [
            (originals, { configuration.prompts?[$0] ?? "" }),
            (cut, { $0 == 0 ? "[cut]" : "" }),
            (configuration.pixels, { ($0 == 0 ? "[inpainted] " : "") + (configuration.captions?[$0] ?? "") }),
        ]
        for (pixels, label) in rows {
            for index in 0..<columns {
                guard index < count else {
                    images.append(CaptionedImage(pixels: Array(repeating: 255, count: imageBytes), width: imageSize, height: imageSize, caption: ""))
                    continue
                }
                images.append(CaptionedImage(pixels: Array(pixels[(index * imageBytes)..<((index + 1) * imageBytes)]),
                                             width: imageSize, height: imageSize, caption: label(index)))
            }
        }
        let figure = ImageGridFigure(images: images, columns: columns, pixelScale: max(1, 96 / imageSize), captionLines: 4,
                                     title: "\(spec.experiment), \(configuration.name): test image and prompt / region cut out / inpainted and its caption")
        try figure.render().writePNG(to: directory.file(inpaintingFigureName(configuration)))
    }

    private func writeGrid() throws {
        let imageBytes = imageSize * imageSize * 3
        var images: [CaptionedImage] = []
        for configuration in samples {
            let count = min(columns, configuration.pixels.count / imageBytes)
            for index in 0..<columns {
                guard index < count else {
                    images.append(CaptionedImage(pixels: Array(repeating: 255, count: imageBytes), width: imageSize, height: imageSize, caption: ""))
                    continue
                }
                let prompt = configuration.prompts?[index] ?? configuration.captions?[index] ?? "(unprompted)"
                let label = index == 0 ? "[\(configuration.name)] " : ""
                images.append(CaptionedImage(pixels: Array(configuration.pixels[(index * imageBytes)..<((index + 1) * imageBytes)]),
                                             width: imageSize, height: imageSize, caption: label + prompt))
            }
        }
        let figure = ImageGridFigure(images: images, columns: columns, pixelScale: max(1, 96 / imageSize), captionLines: 4,
                                     title: "\(spec.experiment): one row per configuration (\(samples.map(\.name).joined(separator: ", ")))")
        try figure.render().writePNG(to: directory.file(figureName))
    }
}
