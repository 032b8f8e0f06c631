import CTurboJPEG
import Foundation

/// Decodes JPEG files through libjpeg-turbo's TurboJPEG API (which returns errors instead of exiting).
///
/// Baseline and progressive files; greyscale is replicated into RGB, YCbCr is converted with
/// accurate integer IDCT and fancy upsampling (PIL's defaults), and CMYK/YCCK (Adobe, inverted as
/// Photoshop writes them) is converted to RGB the way PIL does. A file that ends early or is corrupt
/// is an error (as in PIL); only libjpeg's "extraneous bytes before marker" warning is tolerated.
///
///     let decoded = try JPEGDecoder().decode(Data(contentsOf: url), source: url.path)
///     let rgb = decoded.rgbImage()
public struct JPEGDecoder: Sendable {
    /// The largest `width * height` accepted (checked on the header, before allocating).
    public var maximumPixelCount: Int

    /// Creates a decoder with the given size limit.
    public init(maximumPixelCount: Int = ImageDecoder.defaultMaximumPixelCount) {
        self.maximumPixelCount = maximumPixelCount
    }

    /// Decodes the JPEG bytes in `data`; `source` names them in errors.
    public func decode(_ data: Data, source: String = "JPEG data") throws -> DecodedImage {
        guard let handle = tjInitDecompress() else {
            throw ImageError(source: source, "JPEG: cannot create a TurboJPEG decompressor: \(String(cString: tjGetErrorStr2(nil)))")
        }
        defer { tjDestroy(handle) }
        func failure() -> ImageError {
            ImageError(source: source, "JPEG: \(String(cString: tjGetErrorStr2(handle)))")
        }
        let bytes = [UInt8](data)
        return try bytes.withUnsafeBufferPointer { input in
            let size = UInt(input.count)
            var width: Int32 = 0
            var height: Int32 = 0
            var subsampling: Int32 = 0
            var colorspace: Int32 = 0
            guard tjDecompressHeader3(handle, input.baseAddress, size, &width, &height, &subsampling, &colorspace) == 0 else {
                throw failure()
            }
            try ImageDecoder.checkDeclaredSize(width: Int(width), height: Int(height), maximumPixelCount: maximumPixelCount,
                                               format: "JPEG", source: source)
            let isCMYK = colorspace == Int32(TJCS_CMYK.rawValue) || colorspace == Int32(TJCS_YCCK.rawValue)
            let channels = isCMYK ? 4 : 3
            let pixelFormat = isCMYK ? TJPF_CMYK : TJPF_RGB
            var pixels = [UInt8](repeating: 0, count: Int(width) * Int(height) * channels)
            let status = pixels.withUnsafeMutableBufferPointer { output in
                tjDecompress2(handle, input.baseAddress, size, output.baseAddress, width, 0, height,
                              Int32(pixelFormat.rawValue), 0)
            }
            if status != 0 {
                let message = String(cString: tjGetErrorStr2(handle))
                guard Self.isHarmlessWarning(message) else { throw ImageError(source: source, "JPEG: \(message)") }
            }
            let rgb = isCMYK ? Self.rgbFromInvertedCMYK(pixels) : pixels
            return DecodedImage(format: .jpeg, pixels: .rgb(RGBImage(uncheckedWidth: Int(width), height: Int(height), pixels: rgb)))
        }
    }

    /// Whether a failed decode only reported stray bytes between markers (the image itself is complete, and PIL accepts it).
    ///
    /// TurboJPEG cannot say reliably whether a failure was only a warning (a truncated file warns, then fails
    /// on the fake end marker), so everything except this one libjpeg warning is an error.
    static func isHarmlessWarning(_ message: String) -> Bool {
        message.hasPrefix("Corrupt JPEG data:") && message.contains("extraneous bytes before marker")
    }

    /// PIL's CMYK -> RGB: `channel = (255 - k) - c * (255 - k) / 255`, from Adobe's inverted storage.
    static func rgbFromInvertedCMYK(_ stored: [UInt8]) -> [UInt8] {
        let pixelCount = stored.count / 4
        var rgb = [UInt8](repeating: 0, count: pixelCount * 3)
        for pixel in 0..<pixelCount {
            let notBlack = Int(stored[pixel * 4 + 3])  // stored inverted: 255 - k
            for channel in 0..<3 {
                let ink = 255 - Int(stored[pixel * 4 + channel])
                let product = ink * notBlack + 128
                let scaled = ((product >> 8) + product) >> 8
                rgb[pixel * 3 + channel] = UInt8(clamping: notBlack - scaled)
            }
        }
        return rgb
    }
}
