import FlowData
import FlowPlot
import Foundation

/// Draws rows of a captioned-image file as an `ImageGridFigure` PNG, with each image's first caption.
enum ContactSheet {
    /// Writes rows `start ..< start + count` (clipped to the file) of `file` as a contact sheet PNG at `url`, atomically.
    static func write(from file: URL, start: Int = 0, count: Int, columns: Int = 8, to url: URL) throws {
        let reader = try CaptionedImageFileReader(url: file)
        defer { try? reader.close() }
        guard start < reader.count else {
            throw InputError("\(file.path): --start \(start) is past the last of its \(reader.count) images")
        }
        let rows = start..<min(reader.count, start + count)
        let size = reader.imageSize
        let pixels = try reader.images(rows)
        let captions = try reader.captionSlots(rows)
        let imageBytes = size * size * 3
        let images = rows.indices.map { row in
            CaptionedImage(pixels: Array(pixels[(row * imageBytes)..<((row + 1) * imageBytes)]), width: size, height: size,
                           caption: captions[row].first(where: { !$0.isEmpty }) ?? "(no caption)")
        }
        let split = reader.attributes["split"]?.stringValue.map { ", split \($0)" } ?? ""
        let title = "\(file.lastPathComponent): images \(rows.lowerBound)..\(rows.upperBound - 1) of \(reader.count), \(size) px\(split)"
        let figure = ImageGridFigure(images: images, columns: columns, pixelScale: max(1, 128 / size), captionLines: 5, title: title)
        try figure.render().writePNG(to: url)
    }
}
