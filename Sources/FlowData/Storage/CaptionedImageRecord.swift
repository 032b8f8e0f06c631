/// One row of a captioned-image file: an RGB image, its reference captions and (optionally) its scene.
public struct CaptionedImageRecord: Sendable, Equatable {
    /// Pixels, uint8 `[size, size, 3]` row-major (rows top to bottom, then columns, then R, G, B).
    public var pixels: [UInt8]
    /// Up to `CaptionedImageFileLayout.captionsPerImage` captions; the file stores "" for missing ones.
    public var captions: [String]
    /// The objects of the scene, when the data set knows them (e.g. `shapes`); empty otherwise.
    public var objects: [ObjectAnnotation]

    public init(pixels: [UInt8], captions: [String], objects: [ObjectAnnotation] = []) {
        self.pixels = pixels
        self.captions = captions
        self.objects = objects
    }
}
