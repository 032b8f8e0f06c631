import Foundation

/// A contact sheet: images in a grid, each enlarged by whole pixels with its caption wrapped underneath.
///
/// ```swift
/// let figure = ImageGridFigure(images: tiles, columns: 8, pixelScale: 4, title: "shapes, 32 px")
/// try figure.render().writePNG(to: URL(fileURLWithPath: "sheet.png"))
/// ```
public struct ImageGridFigure: Sendable {
    /// The tiles, filled row by row.
    public var images: [CaptionedImage]
    /// Tiles per row.
    public var columns: Int
    /// Each image pixel becomes a `pixelScale` x `pixelScale` block (nearest neighbour, so pixels stay visible).
    public var pixelScale: Int
    /// Caption lines kept under each image; longer captions end in "...".
    public var captionLines: Int
    /// An optional line of text above the grid.
    public var title: String?

    /// Space between tiles and around the grid, in pixels.
    static let margin = 8
    /// Height of one caption line, in pixels.
    static let lineHeight = 10

    public init(images: [CaptionedImage], columns: Int = 8, pixelScale: Int = 4, captionLines: Int = 4, title: String? = nil) {
        self.images = images
        self.columns = columns
        self.pixelScale = pixelScale
        self.captionLines = captionLines
        self.title = title
    }

    /// Draws the sheet; throws a `PlotError` for no images, a bad layout setting or an image whose bytes do not fit its size.
    public func render() throws -> Canvas {
        guard !images.isEmpty else { throw PlotError("an image grid needs at least one image") }
        guard columns >= 1, pixelScale >= 1, captionLines >= 0 else {
            throw PlotError("image grid settings must be positive (columns \(columns), pixel scale \(pixelScale), caption lines \(captionLines))")
        }
        for (index, image) in images.enumerated() where image.width < 1 || image.height < 1
            || image.pixels.count != image.width * image.height * 3 {
            throw PlotError("image \(index) has \(image.pixels.count) bytes, not \(image.width) x \(image.height) x 3")
        }
        let margin = Self.margin
        let tileWidth = max(images.map(\.width).max()! * pixelScale, 6 * 12)
        let imageHeight = images.map(\.height).max()! * pixelScale
        let tileHeight = imageHeight + 4 + captionLines * Self.lineHeight
        let columnCount = min(columns, images.count)
        let rowCount = (images.count + columnCount - 1) / columnCount
        let titleHeight = title == nil ? 0 : 2 * Self.lineHeight
        let width = margin + columnCount * (tileWidth + margin)
        let height = margin + titleHeight + rowCount * (tileHeight + margin)
        var canvas = Canvas(width: width, height: height, background: .white)
        if let title { canvas.drawText(title, x: margin, y: margin, scale: 1, color: .ink) }
        let charactersPerLine = max(1, (tileWidth + 1) / 6)
        for (index, image) in images.enumerated() {
            let left = margin + (index % columnCount) * (tileWidth + margin)
            let top = margin + titleHeight + (index / columnCount) * (tileHeight + margin)
            draw(image, on: &canvas, left: left + (tileWidth - image.width * pixelScale) / 2, top: top)
            let lines = Self.wrap(image.caption, width: charactersPerLine, lines: captionLines)
            for (line, text) in lines.enumerated() {
                canvas.drawText(text, x: left, y: top + imageHeight + 4 + line * Self.lineHeight, scale: 1, color: .ink)
            }
        }
        return canvas
    }

    /// Copies `image` enlarged by `pixelScale` with its top-left corner at (`left`, `top`).
    private func draw(_ image: CaptionedImage, on canvas: inout Canvas, left: Int, top: Int) {
        for y in 0..<image.height {
            for x in 0..<image.width {
                let offset = (y * image.width + x) * 3
                let color = Color(red: image.pixels[offset], green: image.pixels[offset + 1], blue: image.pixels[offset + 2])
                canvas.fillRect(PixelRect(x: left + x * pixelScale, y: top + y * pixelScale, width: pixelScale, height: pixelScale),
                                color: color)
            }
        }
    }

    /// `text` broken at spaces into at most `lines` lines of at most `width` characters, the last ending in "..." if cut.
    static func wrap(_ text: String, width: Int, lines: Int) -> [String] {
        guard lines > 0 else { return [] }
        var result: [String] = []
        var current = ""
        for word in text.split(separator: " ").map(String.init) {
            var word = word
            while word.count > width {  // a word longer than a line is split
                if !current.isEmpty { result.append(current); current = "" }
                result.append(String(word.prefix(width)))
                word = String(word.dropFirst(width))
            }
            if current.isEmpty {
                current = word
            } else if current.count + 1 + word.count <= width {
                current += " " + word
            } else {
                result.append(current)
                current = word
            }
        }
        if !current.isEmpty { result.append(current) }
        guard result.count > lines else { return result }
        var kept = Array(result.prefix(lines))
        kept[lines - 1] = String(kept[lines - 1].prefix(max(0, width - 3))) + "..."
        return kept
    }
}
