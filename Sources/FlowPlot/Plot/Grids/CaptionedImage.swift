/// One RGB image with a caption, a tile of an `ImageGridFigure`.
public struct CaptionedImage: Sendable, Equatable {
    /// Row-major RGB bytes, `width * height * 3` of them.
    public var pixels: [UInt8]
    /// Width in pixels.
    public var width: Int
    /// Height in pixels.
    public var height: Int
    /// The text drawn under the image (ASCII; other characters show as "?").
    public var caption: String

    public init(pixels: [UInt8], width: Int, height: Int, caption: String) {
        self.pixels = pixels
        self.width = width
        self.height = height
        self.caption = caption
    }
}
