/// An 8-bit RGBA image with straight (not premultiplied) alpha: `width * height * 4` bytes, row-major, top row first.
///
///     let decoded = try ImageDecoder().decode(contentsOf: url)   // clip art with transparency
///     let flat = decoded.rgbaImage.composited(on: .white)      // RGBImage
public struct RGBAImage: Equatable, Sendable {
    /// Pixels per row.
    public let width: Int
    /// Rows.
    public let height: Int
    /// `width * height * 4` bytes: red, green, blue, alpha per pixel.
    public var pixels: [UInt8]

    /// Wraps `pixels`; throws when the count is not `width * height * 4` or a side is not positive.
    public init(width: Int, height: Int, pixels: [UInt8]) throws {
        guard width > 0, height > 0 else {
            throw ImageError(source: "RGBA image", "size must be positive, got \(width) x \(height)")
        }
        guard pixels.count == width * height * 4 else {
            throw ImageError(source: "RGBA image", "holds \(pixels.count) bytes, expected \(width * height * 4) for \(width) x \(height) x 4")
        }
        self.width = width
        self.height = height
        self.pixels = pixels
    }

    /// Creates an image without checking the buffer (callers guarantee the count).
    init(uncheckedWidth width: Int, height: Int, pixels: [UInt8]) {
        self.width = width
        self.height = height
        self.pixels = pixels
    }

    /// The image with every alpha set to 255.
    public init(opaque image: RGBImage) {
        var pixels = [UInt8](repeating: 255, count: image.width * image.height * 4)
        for pixel in 0..<(image.width * image.height) {
            pixels[pixel * 4] = image.pixels[pixel * 3]
            pixels[pixel * 4 + 1] = image.pixels[pixel * 3 + 1]
            pixels[pixel * 4 + 2] = image.pixels[pixel * 3 + 2]
        }
        self.init(uncheckedWidth: image.width, height: image.height, pixels: pixels)
    }

    /// Whether some pixel is not fully opaque.
    public var hasTransparency: Bool {
        stride(from: 3, to: pixels.count, by: 4).contains { pixels[$0] != 255 }
    }
}
