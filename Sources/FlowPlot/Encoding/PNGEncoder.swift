import Foundation

/// Encodes 8-bit RGB or RGBA pixel buffers as PNG files, with its own zlib/DEFLATE implementation.
///
/// Each scanline gets the PNG filter (None, Sub, Up, Average, Paeth) with the smallest sum of
/// absolute filtered bytes, then the whole image goes through one fixed-Huffman LZ77 DEFLATE block.
/// Flat-coloured figures typically shrink 10-50x.
///
/// ```swift
/// let pixels = [UInt8](repeating: 255, count: 64 * 32 * 3)  // white 64 x 32 RGB image
/// let png = try PNGEncoder().encode(pixels: pixels, width: 64, height: 32, format: .rgb8)
/// try PNGEncoder.writeAtomically(png, to: URL(fileURLWithPath: "/tmp/white.png"))
/// ```
public struct PNGEncoder: Sendable {
    /// The layout of one pixel in the input buffer.
    public enum PixelFormat: Sendable {
        /// Red, green, blue; one byte each.
        case rgb8
        /// Red, green, blue, alpha; one byte each, alpha not premultiplied.
        case rgba8

        /// Bytes per pixel.
        public var channelCount: Int { self == .rgb8 ? 3 : 4 }

        /// The PNG IHDR colour type (2 = truecolour, 6 = truecolour with alpha).
        var colorType: UInt8 { self == .rgb8 ? 2 : 6 }
    }

    /// How the image data is compressed.
    public enum Compression: Sendable {
        /// No compression: stored DEFLATE blocks.
        case uncompressed
        /// Fixed-Huffman DEFLATE with LZ77 hash matching.
        case fast
    }

    /// The compression used by `encode`.
    public var compression: Compression

    /// Creates an encoder; `.fast` compression unless told otherwise.
    public init(compression: Compression = .fast) {
        self.compression = compression
    }

    /// Returns the PNG file bytes for a row-major, top-to-bottom pixel buffer.
    ///
    /// Throws when the size is not positive or `pixels.count` is not `width * height * channels`.
    public func encode(pixels: [UInt8], width: Int, height: Int, format: PixelFormat) throws -> Data {
        guard width > 0, height > 0 else {
            throw PlotError("PNG image size must be positive, got \(width) x \(height)")
        }
        guard width <= Int(Int32.max), height <= Int(Int32.max) else {
            throw PlotError("PNG image size \(width) x \(height) exceeds the format limit of 2^31 - 1")
        }
        let expected = width * height * format.channelCount
        guard pixels.count == expected else {
            throw PlotError("PNG pixel buffer holds \(pixels.count) bytes, expected \(expected) for \(width) x \(height) \(format)")
        }
        let filtered = ScanlineFilter.filter(pixels: pixels, width: width, height: height, bytesPerPixel: format.channelCount)
        let compressor = ZlibCompressor(method: compression == .uncompressed ? .stored : .fixedHuffman)
        let imageData = compressor.compress(filtered)

        var header = [UInt8]()
        header += Self.bigEndian(UInt32(width))
        header += Self.bigEndian(UInt32(height))
        header += [8, format.colorType, 0, 0, 0]  // bit depth, colour type, deflate, adaptive filtering, no interlace

        var file = Data([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A])
        Self.appendChunk(type: "IHDR", data: header, to: &file)
        Self.appendChunk(type: "IDAT", data: imageData, to: &file)
        Self.appendChunk(type: "IEND", data: [], to: &file)
        return file
    }

    /// Writes `data` to `url` atomically: a temporary file in the same folder, then a rename.
    public static func writeAtomically(_ data: Data, to url: URL) throws {
        try AtomicFileWriter.write(data, to: url)
    }

    /// Appends one chunk: length, type, data, CRC-32 of type and data.
    private static func appendChunk(type: String, data: [UInt8], to file: inout Data) {
        let typeBytes = Array(type.utf8)
        file.append(contentsOf: bigEndian(UInt32(data.count)))
        file.append(contentsOf: typeBytes)
        file.append(contentsOf: data)
        var crc = CRC32()
        crc.update(typeBytes)
        crc.update(data)
        file.append(contentsOf: bigEndian(crc.value))
    }

    /// The four big-endian bytes of `value`.
    private static func bigEndian(_ value: UInt32) -> [UInt8] {
        [24, 16, 8, 0].map { UInt8(truncatingIfNeeded: value >> UInt32($0)) }
    }
}
