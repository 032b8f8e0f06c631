import FlowImages
import Foundation

/// An RGB raster image with simple drawing: rectangles, anti-aliased lines and dots, bitmap text.
///
/// Coordinates are pixels with the origin at the top-left corner and y growing downwards; a pixel
/// (x, y) covers the square from (x, y) to (x + 1, y + 1), so its centre is (x + 0.5, y + 0.5).
///
/// ```swift
/// var canvas = Canvas(width: 200, height: 100)
/// canvas.fillRect(PixelRect(x: 10, y: 10, width: 50, height: 30), color: .black)
/// canvas.fillCircle(centerX: 120, centerY: 50, radius: 20, color: Color(hex: 0x1F77B4))
/// canvas.drawText("loss = 0.25", x: 10, y: 60, scale: 2, color: .ink)
/// try canvas.writePNG(to: URL(fileURLWithPath: "/tmp/canvas.png"))
/// ```
public struct Canvas: Sendable {
    /// Width in pixels.
    public let width: Int
    /// Height in pixels.
    public let height: Int
    /// Row-major RGB bytes, top row first; `width * height * 3` of them.
    public private(set) var pixels: [UInt8]
    /// Drawing outside this rectangle is discarded; the whole canvas unless narrowed by `clipped(to:)`.
    var clip: PixelRect

    /// Creates a canvas filled with `background`.
    public init(width: Int, height: Int, background: Color = .white) {
        precondition(width > 0 && height > 0, "Canvas size must be positive, got \(width) x \(height)")
        self.width = width
        self.height = height
        self.pixels = [UInt8](repeating: 0, count: width * height * 3)
        self.clip = PixelRect(x: 0, y: 0, width: width, height: height)
        fill(background)
    }

    /// The colour of pixel (`x`, `y`), which must lie on the canvas.
    public func color(x: Int, y: Int) -> Color {
        precondition(x >= 0 && x < width && y >= 0 && y < height, "pixel (\(x), \(y)) is outside the \(width) x \(height) canvas")
        let offset = (y * width + x) * 3
        return Color(red: pixels[offset], green: pixels[offset + 1], blue: pixels[offset + 2])
    }

    /// Paints pixel (`x`, `y`) with `color` mixed in at `opacity` (0...1); ignored outside the clip.
    @inline(__always)
    public mutating func blendPixel(x: Int, y: Int, color: Color, opacity: Double = 1) {
        guard x >= clip.x, x < clip.maxX, y >= clip.y, y < clip.maxY, opacity > 0 else { return }
        let offset = (y * width + x) * 3
        if opacity >= 1 {
            pixels[offset] = color.red
            pixels[offset + 1] = color.green
            pixels[offset + 2] = color.blue
            return
        }
        let weight = Int(opacity * 256)
        func mix(_ old: UInt8, _ new: UInt8) -> UInt8 {
            UInt8((Int(old) * (256 - weight) + Int(new) * weight) >> 8)
        }
        pixels[offset] = mix(pixels[offset], color.red)
        pixels[offset + 1] = mix(pixels[offset + 1], color.green)
        pixels[offset + 2] = mix(pixels[offset + 2], color.blue)
    }

    /// Paints the whole canvas (ignoring the clip) with `color`.
    public mutating func fill(_ color: Color) {
        pixels.withUnsafeMutableBufferPointer { buffer in
            for offset in stride(from: 0, to: buffer.count, by: 3) {
                buffer[offset] = color.red
                buffer[offset + 1] = color.green
                buffer[offset + 2] = color.blue
            }
        }
    }

    /// Paints the pixels of `rect` that lie inside the clip with `color`.
    public mutating func fillRect(_ rect: PixelRect, color: Color) {
        let area = rect.intersection(clip)
        guard area.width > 0, area.height > 0 else { return }
        pixels.withUnsafeMutableBufferPointer { buffer in
            for row in area.y..<area.maxY {
                var offset = (row * width + area.x) * 3
                for _ in 0..<area.width {
                    buffer[offset] = color.red
                    buffer[offset + 1] = color.green
                    buffer[offset + 2] = color.blue
                    offset += 3
                }
            }
        }
    }

    /// Draws the outline of `rect`, `thickness` pixels wide, inside its bounds.
    public mutating func strokeRect(_ rect: PixelRect, color: Color, thickness: Int = 1) {
        fillRect(PixelRect(x: rect.x, y: rect.y, width: rect.width, height: thickness), color: color)
        fillRect(PixelRect(x: rect.x, y: rect.maxY - thickness, width: rect.width, height: thickness), color: color)
        fillRect(PixelRect(x: rect.x, y: rect.y, width: thickness, height: rect.height), color: color)
        fillRect(PixelRect(x: rect.maxX - thickness, y: rect.y, width: thickness, height: rect.height), color: color)
    }

    /// Draws an anti-aliased straight line of the given `lineWidth` with round caps.
    public mutating func drawLine(
        fromX startX: Double, fromY startY: Double, toX endX: Double, toY endY: Double,
        color: Color, lineWidth: Double = 1, opacity: Double = 1
    ) {
        let halfWidth = lineWidth / 2
        let deltaX = endX - startX
        let deltaY = endY - startY
        let lengthSquared = deltaX * deltaX + deltaY * deltaY
        let reach = halfWidth + 1
        let left = max(Int((min(startX, endX) - reach).rounded(.down)), clip.x)
        let right = min(Int((max(startX, endX) + reach).rounded(.up)), clip.maxX - 1)
        let top = max(Int((min(startY, endY) - reach).rounded(.down)), clip.y)
        let bottom = min(Int((max(startY, endY) + reach).rounded(.up)), clip.maxY - 1)
        guard left <= right, top <= bottom else { return }
        for y in top...bottom {
            let pixelY = Double(y) + 0.5
            for x in left...right {
                let pixelX = Double(x) + 0.5
                var along = lengthSquared > 0 ? ((pixelX - startX) * deltaX + (pixelY - startY) * deltaY) / lengthSquared : 0
                along = min(max(along, 0), 1)
                let offsetX = pixelX - (startX + along * deltaX)
                let offsetY = pixelY - (startY + along * deltaY)
                let coverage = min(max(halfWidth + 0.5 - (offsetX * offsetX + offsetY * offsetY).squareRoot(), 0), 1)
                if coverage > 0 {
                    blendPixel(x: x, y: y, color: color, opacity: coverage * opacity)
                }
            }
        }
    }

    /// Draws an anti-aliased filled disc centred at (`centerX`, `centerY`) in pixel coordinates.
    public mutating func fillCircle(centerX: Double, centerY: Double, radius: Double, color: Color, opacity: Double = 1) {
        let reach = radius + 0.5
        let left = max(Int((centerX - reach).rounded(.down)), clip.x)
        let right = min(Int((centerX + reach).rounded(.up)), clip.maxX - 1)
        let top = max(Int((centerY - reach).rounded(.down)), clip.y)
        let bottom = min(Int((centerY + reach).rounded(.up)), clip.maxY - 1)
        guard left <= right, top <= bottom else { return }
        for y in top...bottom {
            let offsetY = Double(y) + 0.5 - centerY
            for x in left...right {
                let offsetX = Double(x) + 0.5 - centerX
                let coverage = min(max(reach - (offsetX * offsetX + offsetY * offsetY).squareRoot(), 0), 1)
                if coverage > 0 {
                    blendPixel(x: x, y: y, color: color, opacity: coverage * opacity)
                }
            }
        }
    }

    /// Runs `body` with drawing restricted to `rect` (intersected with the current clip).
    mutating func clipped(to rect: PixelRect, _ body: (inout Canvas) -> Void) {
        let saved = clip
        clip = clip.intersection(rect)
        body(&self)
        clip = saved
    }

    /// The PNG file bytes of this canvas (libpng, through FlowImages).
    public func pngData() throws -> Data {
        do {
            return try PNGEncoder().encode(RGBImage(width: width, height: height, pixels: pixels))
        } catch let error as ImageError {
            throw PlotError("cannot encode the \(width) x \(height) canvas as PNG: \(error.message)")
        }
    }

    /// Writes this canvas as a PNG file at `url`, atomically.
    public func writePNG(to url: URL) throws {
        try AtomicFileWriter.write(pngData(), to: url)
    }
}
