/// The product of a registered captioned-image data set: options that open the data when asked.
///
/// Registering the options (not the opened data) lets the engine tell which pipeline a spec needs without
/// reading any file.
protocol CaptionedImageDataOptions: Sendable {
    /// Opens or generates the data; throws an error naming the bad setting or file.
    func data() throws -> CaptionedImageData
}

extension ShapesDataOptions: CaptionedImageDataOptions {}
extension HDF5DataOptions: CaptionedImageDataOptions {}
