import CImageShims
import CPNG
import Foundation

/// Encodes 8-bit RGB or RGBA images as PNG files through libpng, with optional text chunks.
///
/// libpng picks a scanline filter per row and zlib compresses the result (level 6 by default).
///
///     let image = RGBImage(width: 64, height: 32, filledWith: .white)
///     let png = try PNGEncoder().encode(image, text: [PNGTextEntry(keyword: "Title", text: "a white box")])
///     try png.write(to: URL(fileURLWithPath: "/tmp/white.png"))
public struct PNGEncoder: Sendable {
    /// zlib compression level, 0 (stored) ... 9 (smallest).
    public var compressionLevel: Int

    /// Creates an encoder with the given zlib level.
    public init(compressionLevel: Int = 6) {
        self.compressionLevel = compressionLevel
    }

    /// The PNG bytes of an RGB image.
    public func encode(_ image: RGBImage, text: [PNGTextEntry] = []) throws -> Data {
        try encode(pixels: image.pixels, width: image.width, height: image.height, channels: 3, text: text)
    }

    /// The PNG bytes of an RGBA image (straight alpha).
    public func encode(_ image: RGBAImage, text: [PNGTextEntry] = []) throws -> Data {
        try encode(pixels: image.pixels, width: image.width, height: image.height, channels: 4, text: text)
    }

    private func encode(pixels: [UInt8], width: Int, height: Int, channels: Int, text: [PNGTextEntry]) throws -> Data {
        let source = "PNG encoder"
        guard (0...9).contains(compressionLevel) else {
            throw ImageError(source: source, "compression level must be 0...9, got \(compressionLevel)")
        }
        guard width <= Int(Int32.max), height <= Int(Int32.max) else {
            throw ImageError(source: source, "image size \(width) x \(height) exceeds the PNG limit of 2^31 - 1")
        }
        for entry in text {
            guard (1...79).contains(entry.keyword.unicodeScalars.count),
                  entry.keyword.unicodeScalars.allSatisfy({ (32...126).contains($0.value) || (161...255).contains($0.value) }),
                  !entry.keyword.hasPrefix(" "), !entry.keyword.hasSuffix(" ") else {
                throw ImageError(source: source, "text keyword '\(entry.keyword)' must be 1-79 printable Latin-1 characters without leading or trailing spaces")
            }
        }
        guard let session = flowpng_write_session_create() else {
            throw ImageError(source: source, "out of memory creating the encoder")
        }
        defer { flowpng_session_destroy(session) }
        func check(_ succeeded: Int32) throws {
            guard succeeded != 0 else { throw ImageError(source: source, "PNG: \(PNGDecoder.message(of: session))") }
        }
        let colorType = channels == 4 ? PNG_COLOR_TYPE_RGB_ALPHA : PNG_COLOR_TYPE_RGB
        try check(flowpng_set_header(session, png_uint_32(width), png_uint_32(height), 8, colorType))
        png_set_compression_level(session.pointee.png, Int32(compressionLevel))
        if !text.isEmpty { try setText(text, session: session, check: check) }

        var mutablePixels = pixels
        try mutablePixels.withUnsafeMutableBufferPointer { buffer in
            var rows = (0..<height).map { Optional(buffer.baseAddress! + $0 * width * channels) }
            try rows.withUnsafeMutableBufferPointer { rowPointers in
                try check(flowpng_write(session, rowPointers.baseAddress))
            }
        }
        return Data(bytes: session.pointee.output, count: session.pointee.outputSize)
    }

    /// Hands the text chunks to libpng (which copies them): Latin-1 text as `tEXt`, anything else as `iTXt`.
    private func setText(_ text: [PNGTextEntry], session: UnsafeMutablePointer<FlowPNGSession>,
                         check: (Int32) throws -> Void) throws {
        var allocations: [UnsafeMutablePointer<CChar>] = []
        defer { allocations.forEach { $0.deallocate() } }
        func cString(_ bytes: [UInt8]) -> UnsafeMutablePointer<CChar> {
            let pointer = UnsafeMutablePointer<CChar>.allocate(capacity: bytes.count + 1)
            for (index, byte) in bytes.enumerated() { pointer[index] = CChar(bitPattern: byte) }
            pointer[bytes.count] = 0
            allocations.append(pointer)
            return pointer
        }
        var entries: [png_text] = text.map { entry in
            var chunk = png_text()
            chunk.key = cString(entry.keyword.unicodeScalars.map { UInt8($0.value) })
            if let latin1 = Self.latin1Bytes(entry.text) {
                chunk.compression = PNG_TEXT_COMPRESSION_NONE
                chunk.text = cString(latin1)
                chunk.text_length = latin1.count
            } else {
                let utf8 = Array(entry.text.utf8)
                chunk.compression = PNG_ITXT_COMPRESSION_NONE
                chunk.text = cString(utf8)
                chunk.itxt_length = utf8.count
                chunk.lang = cString([])
                chunk.lang_key = cString([])
            }
            return chunk
        }
        try check(flowpng_set_text(session, &entries, Int32(entries.count)))
    }

    /// The Latin-1 bytes of `text` without NUL; nil when some character is outside Latin-1.
    private static func latin1Bytes(_ text: String) -> [UInt8]? {
        var bytes: [UInt8] = []
        for scalar in text.unicodeScalars {
            guard scalar.value > 0, scalar.value <= 255 else { return nil }
            bytes.append(UInt8(scalar.value))
        }
        return bytes
    }
}
