import CImageShims
import CPNG
import Foundation

/// Decodes PNG files through libpng: every colour type and bit depth becomes 8-bit RGB or RGBA.
///
/// Greyscale is replicated into RGB, palettes are expanded, `tRNS` transparency becomes an alpha
/// channel, and 16-bit samples keep their high byte (as PIL does). No gamma correction is applied,
/// so the bytes equal PIL's decoding. `tEXt`, `zTXt` and `iTXt` chunks (before or after the image
/// data) are returned by keyword; `tEXt`/`zTXt` are Latin-1, `iTXt` must be valid UTF-8.
///
///     let decoded = try PNGDecoder().decode(Data(contentsOf: url), source: url.path)
///     print(decoded.width, decoded.height, decoded.text["Title"] ?? "-")
public struct PNGDecoder: Sendable {
    /// The largest `width * height` accepted (checked on the header, before allocating).
    public var maximumPixelCount: Int

    /// Creates a decoder with the given size limit.
    public init(maximumPixelCount: Int = ImageDecoder.defaultMaximumPixelCount) {
        self.maximumPixelCount = maximumPixelCount
    }

    /// Decodes the PNG bytes in `data`; `source` names them in errors.
    public func decode(_ data: Data, source: String = "PNG data") throws -> DecodedImage {
        let bytes = [UInt8](data)
        return try bytes.withUnsafeBufferPointer { buffer in
            guard let session = flowpng_read_session_create(buffer.baseAddress, buffer.count) else {
                throw ImageError(source: source, "PNG: out of memory creating the decoder")
            }
            defer { flowpng_session_destroy(session) }
            return try decode(session: session, source: source)
        }
    }

    private func decode(session: UnsafeMutablePointer<FlowPNGSession>, source: String) throws -> DecodedImage {
        func check(_ succeeded: Int32) throws {
            guard succeeded != 0 else { throw ImageError(source: source, "PNG: \(Self.message(of: session))") }
        }
        let png = session.pointee.png
        let info = session.pointee.info
        try check(flowpng_read_info(session))

        let width = Int(png_get_image_width(png, info))
        let height = Int(png_get_image_height(png, info))
        try ImageDecoder.checkDeclaredSize(width: width, height: height, maximumPixelCount: maximumPixelCount,
                                           format: "PNG", source: source)
        let colorType = Int32(png_get_color_type(png, info))
        let bitDepth = Int32(png_get_bit_depth(png, info))
        let hasTransparencyChunk = png_get_valid(png, info, PNG_INFO_tRNS) != 0

        if bitDepth == 16 { png_set_strip_16(png) }
        png_set_expand(png)  // palette -> RGB, grey < 8 bits -> 8 bits, tRNS -> alpha
        if colorType == PNG_COLOR_TYPE_GRAY || colorType == PNG_COLOR_TYPE_GRAY_ALPHA { png_set_gray_to_rgb(png) }
        _ = png_set_interlace_handling(png)
        try check(flowpng_read_update_info(session))

        let channels = Int(png_get_channels(png, info))
        let hasAlpha = colorType & PNG_COLOR_MASK_ALPHA != 0 || hasTransparencyChunk
        guard channels == (hasAlpha ? 4 : 3), png_get_rowbytes(png, info) == width * channels else {
            throw ImageError(source: source, "PNG: unexpected layout after expansion (\(channels) channels, colour type \(colorType), bit depth \(bitDepth))")
        }
        var pixels = [UInt8](repeating: 0, count: width * height * channels)
        try pixels.withUnsafeMutableBufferPointer { buffer in
            var rows = (0..<height).map { Optional(buffer.baseAddress! + $0 * width * channels) }
            try rows.withUnsafeMutableBufferPointer { rowPointers in
                try check(flowpng_read_image(session, rowPointers.baseAddress))
            }
        }
        try check(flowpng_read_end(session))

        let text = try Self.textChunks(png: png, info: info, source: source)
        let decodedPixels: DecodedImage.Pixels = hasAlpha
            ? .rgba(RGBAImage(uncheckedWidth: width, height: height, pixels: pixels))
            : .rgb(RGBImage(uncheckedWidth: width, height: height, pixels: pixels))
        return DecodedImage(format: .png, pixels: decodedPixels, text: text)
    }

    /// The text chunks libpng collected, by keyword (first occurrence wins).
    private static func textChunks(png: png_structp?, info: png_infop?, source: String) throws -> [String: String] {
        var entries: png_textp?
        var count: Int32 = 0
        _ = png_get_text(png, info, &entries, &count)
        guard let entries, count > 0 else { return [:] }
        var text: [String: String] = [:]
        for index in 0..<Int(count) {
            let entry = entries[index]
            guard let keyPointer = entry.key else { continue }
            let keyword = String(decoding: Self.bytes(keyPointer, count: strlen(keyPointer)), as: Unicode.ASCII.self)
            let isInternational = entry.compression == PNG_ITXT_COMPRESSION_NONE || entry.compression == PNG_ITXT_COMPRESSION_zTXt
            let length = isInternational ? entry.itxt_length : entry.text_length
            let valueBytes = entry.text.map { Self.bytes($0, count: length) } ?? []
            let value: String
            if isInternational {
                guard let decoded = String(validating: valueBytes, as: UTF8.self) else {
                    throw ImageError(source: source, "PNG: iTXt chunk '\(keyword)' is not valid UTF-8")
                }
                value = decoded
            } else {
                value = String(String.UnicodeScalarView(valueBytes.map { Unicode.Scalar($0) }))  // tEXt and zTXt are Latin-1 by definition
            }
            if text[keyword] == nil { text[keyword] = value }
        }
        return text
    }

    private static func bytes(_ pointer: UnsafeMutablePointer<CChar>, count: Int) -> [UInt8] {
        UnsafeRawBufferPointer(start: pointer, count: count).map { $0 }
    }

    /// The error message libpng left in the session.
    static func message(of session: UnsafeMutablePointer<FlowPNGSession>) -> String {
        withUnsafeBytes(of: session.pointee.message) { raw in
            let bytes = raw.prefix { $0 != 0 }
            return bytes.isEmpty ? "unknown libpng error" : String(decoding: bytes, as: UTF8.self)
        }
    }
}
