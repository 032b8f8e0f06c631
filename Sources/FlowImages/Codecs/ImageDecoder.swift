import Foundation

/// Decodes PNG and JPEG files (format recognised from the bytes) with a limit on the declared size.
///
/// The size in the header is checked against `maximumPixelCount` before any pixel memory is
/// allocated, so a hostile or corrupt header cannot exhaust memory. Every failure is an
/// `ImageError` naming the file.
///
///     let decoder = ImageDecoder()
///     let image = try decoder.decode(contentsOf: URL(fileURLWithPath: "cat.jpg")).rgbImage()
///     let thumbnail = try image.centerCropped().resized(width: 64, height: 64)
public struct ImageDecoder: Sendable {
    /// The default largest accepted image: 64 megapixels (256 MiB as RGBA).
    public static let defaultMaximumPixelCount = 64 * 1024 * 1024

    /// The largest `width * height` accepted; larger declared sizes are rejected before decoding.
    public var maximumPixelCount: Int

    /// Creates a decoder with the given size limit.
    public init(maximumPixelCount: Int = ImageDecoder.defaultMaximumPixelCount) {
        self.maximumPixelCount = maximumPixelCount
    }

    /// Reads and decodes the file at `url`.
    public func decode(contentsOf url: URL) throws -> DecodedImage {
        let data: Data
        do {
            data = try Data(contentsOf: url)
        } catch {
            throw ImageError(source: url.path, "cannot read the file: \(error.localizedDescription)")
        }
        return try decode(data, source: url.path)
    }

    /// Decodes PNG or JPEG bytes; `source` names them in errors.
    public func decode(_ data: Data, source: String = "image data") throws -> DecodedImage {
        guard !data.isEmpty else { throw ImageError(source: source, "the file is empty") }
        switch ImageFormat(sniffing: data) {
        case .png:
            return try PNGDecoder(maximumPixelCount: maximumPixelCount).decode(data, source: source)
        case .jpeg:
            return try JPEGDecoder(maximumPixelCount: maximumPixelCount).decode(data, source: source)
        case nil:
            let head = data.prefix(8).map { String(format: "%02x", $0) }.joined(separator: " ")
            throw ImageError(source: source, "not a PNG or JPEG file (starts with \(head))")
        }
    }

    /// Throws unless `width x height` is positive and within `maximumPixelCount`.
    static func checkDeclaredSize(width: Int, height: Int, maximumPixelCount: Int, format: String, source: String) throws {
        guard width > 0, height > 0 else {
            throw ImageError(source: source, "\(format): declared size \(width) x \(height) is empty")
        }
        guard width.multipliedReportingOverflow(by: height).partialValue <= maximumPixelCount, width <= maximumPixelCount,
              height <= maximumPixelCount else {
            throw ImageError(source: source, "\(format): declared size \(width) x \(height) exceeds the limit of \(maximumPixelCount) pixels")
        }
    }
}
