/// A decoded image: its pixels (RGB, or RGBA when the file has transparency) and the text stored with it.
///
///     let decoded = try ImageDecoder().decode(contentsOf: url)
///     let rgb = decoded.rgbImage(background: .white)   // alpha composited when present
///     let title = decoded.text["Title"]                // PNG tEXt / zTXt / iTXt
public struct DecodedImage: Sendable {
    /// The pixels as stored: RGB for opaque images, RGBA (straight alpha) for images with an alpha channel or tRNS.
    public enum Pixels: Sendable, Equatable {
        /// Three channels.
        case rgb(RGBImage)
        /// Four channels, alpha not premultiplied.
        case rgba(RGBAImage)
    }

    /// The format the bytes were in.
    public let format: ImageFormat
    /// The pixels.
    public let pixels: Pixels
    /// Text chunks by keyword (PNG `tEXt`, `zTXt`, `iTXt`; the first chunk wins for a repeated keyword). Empty for JPEG.
    public let text: [String: String]

    /// Creates a decoded image.
    public init(format: ImageFormat, pixels: Pixels, text: [String: String] = [:]) {
        self.format = format
        self.pixels = pixels
        self.text = text
    }

    /// Pixels per row.
    public var width: Int {
        switch pixels {
        case .rgb(let image): return image.width
        case .rgba(let image): return image.width
        }
    }

    /// Rows.
    public var height: Int {
        switch pixels {
        case .rgb(let image): return image.height
        case .rgba(let image): return image.height
        }
    }

    /// Whether the image carries an alpha channel.
    public var hasAlpha: Bool {
        if case .rgba = pixels { return true }
        return false
    }

    /// The RGB image: as stored, or with its alpha composited onto `background`.
    public func rgbImage(background: RGBColor = .white) -> RGBImage {
        switch pixels {
        case .rgb(let image): return image
        case .rgba(let image): return image.composited(on: background)
        }
    }

    /// The RGBA image: as stored, or opaque when the file has no alpha.
    public var rgbaImage: RGBAImage {
        switch pixels {
        case .rgb(let image): return RGBAImage(opaque: image)
        case .rgba(let image): return image
        }
    }
}
