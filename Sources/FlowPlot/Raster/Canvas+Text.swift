/// Where a piece of text sits relative to its anchor point.
enum TextAlignment {
    /// Horizontal placement: anchor at the left edge, centre, or right edge of the text.
    enum Horizontal { case left, center, right }
    /// Vertical placement: anchor at the top, middle, or bottom of the capital letters.
    enum Vertical { case top, middle, bottom }
}

extension Canvas {
    /// The pixel size of `text` drawn at `scale`: width of all glyphs, height of a glyph cell.
    public static func textSize(_ text: String, scale: Int = 1) -> (width: Int, height: Int) {
        let count = text.count
        guard count > 0 else { return (0, 0) }
        return (((count - 1) * BitmapFont.advance + BitmapFont.glyphWidth) * scale, BitmapFont.glyphHeight * scale)
    }

    /// Draws `text` with its top-left corner at (`x`, `y`), each font pixel a `scale` x `scale` block.
    public mutating func drawText(_ text: String, x: Int, y: Int, scale: Int = 1, color: Color) {
        precondition(scale >= 1, "text scale must be at least 1, got \(scale)")
        var originX = x
        for character in text {
            for column in 0..<BitmapFont.glyphWidth {
                for row in 0..<BitmapFont.glyphHeight where BitmapFont.isInk(character, column: column, row: row) {
                    fillRect(PixelRect(x: originX + column * scale, y: y + row * scale, width: scale, height: scale), color: color)
                }
            }
            originX += BitmapFont.advance * scale
        }
    }

    /// Draws `text` rotated a quarter turn anticlockwise (reading bottom to top), its bounding box's top-left at (`x`, `y`).
    public mutating func drawVerticalText(_ text: String, x: Int, y: Int, scale: Int = 1, color: Color) {
        precondition(scale >= 1, "text scale must be at least 1, got \(scale)")
        let length = Self.textSize(text, scale: scale).width
        var along = 0
        for character in text {
            for column in 0..<BitmapFont.glyphWidth {
                for row in 0..<BitmapFont.glyphHeight where BitmapFont.isInk(character, column: column, row: row) {
                    let pixelX = x + row * scale
                    let pixelY = y + length - (along + column + 1) * scale
                    fillRect(PixelRect(x: pixelX, y: pixelY, width: scale, height: scale), color: color)
                }
            }
            along += BitmapFont.advance
        }
    }

    /// Draws `text` placed relative to the anchor (`x`, `y`); vertical placement uses capital height.
    mutating func drawText(
        _ text: String, anchorX x: Int, anchorY y: Int, horizontal: TextAlignment.Horizontal,
        vertical: TextAlignment.Vertical, scale: Int, color: Color
    ) {
        let width = Self.textSize(text, scale: scale).width
        let capital = BitmapFont.capitalHeight * scale
        let left: Int
        switch horizontal {
        case .left: left = x
        case .center: left = x - width / 2
        case .right: left = x - width
        }
        let top: Int
        switch vertical {
        case .top: top = y
        case .middle: top = y - capital / 2
        case .bottom: top = y - capital
        }
        drawText(text, x: left, y: top, scale: scale, color: color)
    }
}
