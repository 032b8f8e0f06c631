import FlowImages
import Foundation

/// A PNG file decoded by libpng (through FlowImages), for checking that FlowPlot's PNGs are valid and lossless.
struct DecodedPNG {
    let width: Int
    let height: Int
    let channels: Int
    let pixels: [UInt8]

    init(_ data: Data) throws {
        let decoded = try PNGDecoder().decode(data, source: "FlowPlot PNG")
        width = decoded.width
        height = decoded.height
        switch decoded.pixels {
        case .rgb(let image):
            channels = 3
            pixels = image.pixels
        case .rgba(let image):
            channels = 4
            pixels = image.pixels
        }
    }

    /// The RGB colour at (x, y).
    func rgb(x: Int, y: Int) -> [UInt8] {
        let offset = (y * width + x) * channels
        return Array(pixels[offset..<(offset + 3)])
    }
}
