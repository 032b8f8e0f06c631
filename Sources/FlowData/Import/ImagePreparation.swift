import FlowImages
import Foundation

/// Decodes an image file and makes the square training image: alpha composited, centre-cropped, resized as PIL's BICUBIC.
///
///     let preparation = ImagePreparation(options: ImageImportOptions(imageSize: 32))
///     let (pixels, text) = try preparation.prepare(URL(fileURLWithPath: "cat.jpg"))   // 32 * 32 * 3 bytes
struct ImagePreparation: Sendable {
    let options: ImageImportOptions

    /// The `[S, S, 3]` pixels and the image's text chunks; throws an `ImageError` naming the file.
    func prepare(_ url: URL) throws -> (pixels: [UInt8], text: [String: String]) {
        let decoded = try ImageDecoder(maximumPixelCount: options.maximumPixelCount).decode(contentsOf: url)
        let square = decoded.rgbImage(background: options.background).centerCropped()
        let resized = try square.resized(width: options.imageSize, height: options.imageSize)
        return (resized.pixels, decoded.text)
    }
}
