import FlowData
import FlowTensor

/// Real captioned images of one seed: the test rows prompts come from, or a second draw that is the noise floor.
struct ReferenceExamples {
    /// The data set rows, in order.
    let rows: [Int]
    /// uint8 `[N, S, S, 3]`.
    let pixels: [UInt8]
    /// Every reference caption of each image.
    let references: [[String]]
    /// One caption per image, drawn from its references: the prompt it is generated from.
    let prompts: [String]
    /// The scene of each image when the data set knows it (shapes), else nil.
    let scenes: [ShapeScene]?

    /// Rows `rows` of `source`, each prompt drawn from the image's references by `generator`.
    init(source: any CaptionedImageSource, rows: [Int], knowsScenes: Bool, generator: inout RandomGenerator) throws {
        let sorted = rows.sorted()
        var byRow: [Int: CaptionedImageRecord] = [:]
        for (row, record) in zip(sorted, try source.records(at: sorted)) { byRow[row] = record }
        let records = rows.map { byRow[$0]! }
        self.rows = rows
        pixels = records.flatMap(\.pixels)
        references = records.map(\.captions)
        prompts = records.map { record in
            let draw = generator.uniform()
            return record.captions.isEmpty ? "" : record.captions[min(Int(draw * Double(record.captions.count)), record.captions.count - 1)]
        }
        let scenes = records.compactMap { ShapeScene(annotations: $0.objects) }
        self.scenes = knowsScenes && scenes.count == records.count ? scenes : nil
    }

    /// The number of images.
    var count: Int { rows.count }
}
