/// An 8-bit RGB image: `width * height * 3` bytes, row-major, top row first, channels interleaved.
///
///     let white = RGBImage(width: 4, height: 2, filledWith: RGBColor(red: 255, green: 255, blue: 255))
///     let thumbnail = try photo.centerCropped().resized(width: 32, height: 32)
public struct RGBImage: Equatable, Sendable {
    /// Pixels per row.
    public let width: Int
    /// Rows.
    public let height: Int
    /// `width * height * 3` bytes: red, green, blue per pixel.
    public var pixels: [UInt8]

    /// Wraps `pixels`; throws when the count is not `width * height * 3` or a side is not positive.
    public init(width: Int, height: Int, pixels: [UInt8]) throws {
        guard width > 0, height > 0 else {
            throw ImageError(source: "RGB image", "size must be positive, got \(width) x \(height)")
        }
        guard pixels.count == width * height * 3 else {
            throw ImageError(source: "RGB image", "holds \(pixels.count) bytes, expected \(width * height * 3) for \(width) x \(height) x 3")
        }
        self.width = width
        self.height = height
        self.pixels = pixels
    }

    /// An image of one colour.
    public init(width: Int, height: Int, filledWith color: RGBColor) {
        precondition(width > 0 && height > 0, "image size must be positive")
        self.width = width
        self.height = height
        var pixels = [UInt8](repeating: 0, count: width * height * 3)
        for index in stride(from: 0, to: pixels.count, by: 3) {
            pixels[index] = color.red
            pixels[index + 1] = color.green
            pixels[index + 2] = color.blue
        }
        self.pixels = pixels
    }

    /// Creates an image without checking the buffer (callers guarantee the count).
    init(uncheckedWidth width: Int, height: Int, pixels: [UInt8]) {
        self.width = width
        self.height = height
        self.pixels = pixels
    }

    /// The colour at column `x`, row `y`.
    public subscript(x: Int, y: Int) -> RGBColor {
        let index = (y * width + x) * 3
        return RGBColor(red: pixels[index], green: pixels[index + 1], blue: pixels[index + 2])
    }
}
