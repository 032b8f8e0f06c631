import FlowImages

/// How imported images are turned into square training images, and what happens to files that cannot be read.
///
///     var options = ImageImportOptions(imageSize: 64)
///     options.background = .white          // transparent clip art is composited onto white
///     options.skipUnreadable = true         // count broken files in the summary instead of stopping
public struct ImageImportOptions: Sendable {
    /// The side S of the stored `[S, S, 3]` images.
    public var imageSize: Int
    /// The colour transparent pixels are composited onto.
    public var background: RGBColor
    /// Skip (and count) images that cannot be decoded and caption files that cannot be read, instead of stopping.
    public var skipUnreadable: Bool
    /// The largest declared `width * height` accepted before decoding.
    public var maximumPixelCount: Int
    /// Decoding threads (images are decoded in parallel, written in order).
    public var threads: Int

    /// Options for `imageSize`-pixel images, white background, stopping at the first unreadable file.
    public init(imageSize: Int, background: RGBColor = .white, skipUnreadable: Bool = false,
                maximumPixelCount: Int = ImageDecoder.defaultMaximumPixelCount, threads: Int = 1) {
        self.imageSize = imageSize
        self.background = background
        self.skipUnreadable = skipUnreadable
        self.maximumPixelCount = maximumPixelCount
        self.threads = threads
    }
}
