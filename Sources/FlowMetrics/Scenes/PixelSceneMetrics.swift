import FlowData

/// Colour and position of one-object `shapes` prompts read straight from the pixels, with no learned network.
///
/// An image's background is estimated as its per-channel median (one object covers well under half of the
/// image) and the image is cut into the 3 x 3 grid of `GridCell`s (pixel row `y` lies in grid row `⌊3y / S⌋`,
/// columns alike). The image's object is taken to be in the cell whose mean colour is farthest from the
/// background (Euclidean RGB). A cell's mean is the background blended with the object's colour by the share of
/// the cell it covers, so the object's colour is the `ShapeColor` whose segment from the background to the
/// palette colour passes nearest that mean: the size of the object does not matter, only the direction in
/// which it pulls the mean away from the background.
///
/// - `pixel_position_accuracy`: the object's cell is the prompted cell (chance 1/9).
/// - `pixel_colour_accuracy`: the object's colour is the prompted colour, wherever it is drawn (chance 1/6).
///
/// Only prompts of one object are scored; both are NaN when there are none.
///
/// ```swift
/// let results = try PixelSceneMetrics.evaluate(pixels: images, imageSize: 32, prompts: promptScenes)
/// results["pixel_colour_accuracy"]
/// ```
public enum PixelSceneMetrics {
    /// What the pixels of one image show: the cell of its object and the object's colour.
    public struct Reading: Sendable, Equatable {
        public var cell: GridCell
        public var color: ShapeColor
    }

    /// The metric names, in order.
    public static let names = ["pixel_colour_accuracy", "pixel_position_accuracy"]

    /// Scores generated images `pixels` (uint8 `[N, S, S, 3]`) against the one-object scenes among `prompts` (N).
    ///
    /// - Throws: `SceneMetricsError` when the bytes are not `prompts.count` images of side `imageSize`.
    public static func evaluate(pixels: [UInt8], imageSize: Int, prompts: [ShapeScene]) throws -> FeatureMetricResults {
        let imageBytes = imageSize * imageSize * 3
        guard imageSize >= 3, !prompts.isEmpty, pixels.count == prompts.count * imageBytes else {
            throw SceneMetricsError("\(pixels.count) bytes are not \(prompts.count) images of \(imageSize) x \(imageSize) x 3 "
                                    + "(one per prompt scene)")
        }
        var scored = 0, rightColors = 0, rightCells = 0
        for (index, prompt) in prompts.enumerated() where prompt.objects.count == 1 {
            let object = prompt.objects[0]
            let reading = read(pixels[(index * imageBytes)..<((index + 1) * imageBytes)], imageSize: imageSize)
            scored += 1
            if reading.color == object.color { rightColors += 1 }
            if reading.cell == object.cell { rightCells += 1 }
        }
        let count = Double(scored)
        return FeatureMetricResults(entries: [
            (names[0], scored > 0 ? Double(rightColors) / count : .nan),
            (names[1], scored > 0 ? Double(rightCells) / count : .nan),
        ])
    }

    /// The cell and colour of the object in one image, uint8 `[S, S, 3]` (`imageSize` S at least 3).
    public static func read(_ image: ArraySlice<UInt8>, imageSize: Int) -> Reading {
        precondition(imageSize >= 3 && image.count == imageSize * imageSize * 3,
                     "PixelSceneMetrics: \(image.count) bytes are not one \(imageSize) x \(imageSize) x 3 image")
        let background = medianColor(image)
        let means = cellMeans(image, imageSize: imageSize)
        let distances = means.map { squaredLength(difference($0, background)) }
        let cell = distances.indices.max { distances[$0] < distances[$1] }!
        let offset = difference(means[cell], background)
        let color = ShapeColor.allCases.min { segmentDistance(offset, $0, background) < segmentDistance(offset, $1, background) }!
        return Reading(cell: GridCell(rawValue: cell)!, color: color)
    }

    /// The per-channel median of an image's pixels (the lower median for an even count).
    static func medianColor(_ image: ArraySlice<UInt8>) -> [Double] {
        var histograms = [[Int]](repeating: [Int](repeating: 0, count: 256), count: 3)
        var offset = image.startIndex
        while offset < image.endIndex {
            for channel in 0..<3 { histograms[channel][Int(image[offset + channel])] += 1 }
            offset += 3
        }
        let middle = (image.count / 3 - 1) / 2
        return histograms.map { histogram in
            var seen = 0
            for (value, count) in histogram.enumerated() {
                seen += count
                if seen > middle { return Double(value) }
            }
            return 255
        }
    }

    /// The mean RGB of each of the 9 cells, in `GridCell` order.
    static func cellMeans(_ image: ArraySlice<UInt8>, imageSize: Int) -> [[Double]] {
        var sums = [Int](repeating: 0, count: 27)
        var counts = [Int](repeating: 0, count: 9)
        var offset = image.startIndex
        for y in 0..<imageSize {
            let row = y * 3 / imageSize
            for x in 0..<imageSize {
                let cell = row * 3 + x * 3 / imageSize
                sums[3 * cell] += Int(image[offset])
                sums[3 * cell + 1] += Int(image[offset + 1])
                sums[3 * cell + 2] += Int(image[offset + 2])
                counts[cell] += 1
                offset += 3
            }
        }
        return (0..<9).map { cell in (0..<3).map { Double(sums[3 * cell + $0]) / Double(counts[cell]) } }
    }

    /// The squared distance from `offset` (a mean minus the background) to the segment from the background to `color`.
    static func segmentDistance(_ offset: [Double], _ color: ShapeColor, _ background: [Double]) -> Double {
        let (red, green, blue) = color.rgb
        let direction = difference([Double(red), Double(green), Double(blue)], background)
        let length = squaredLength(direction)
        let along = length > 0 ? min(max(zip(offset, direction).reduce(0) { $0 + $1.0 * $1.1 } / length, 0), 1) : 0
        return squaredLength(zip(offset, direction).map { $0 - along * $1 })
    }

    private static func difference(_ a: [Double], _ b: [Double]) -> [Double] { zip(a, b).map { $0 - $1 } }

    private static func squaredLength(_ vector: [Double]) -> Double { vector.reduce(0) { $0 + $1 * $1 } }
}
