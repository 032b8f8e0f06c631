import FlowImages
import Foundation

/// A temporary folder with helpers to write the small image sets the import tests build themselves.
struct ImportTestFolder {
    let url: URL

    init() throws {
        url = FileManager.default.temporaryDirectory.appendingPathComponent("import-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    func remove() {
        try? FileManager.default.removeItem(at: url)
    }

    func path(_ relative: String) -> URL {
        url.appendingPathComponent(relative)
    }

    /// Writes a `width x height` PNG of one colour (with optional text chunks), creating folders as needed.
    @discardableResult
    func writePNG(_ relative: String, width: Int = 12, height: Int = 8, color: RGBColor, text: [PNGTextEntry] = []) throws -> URL {
        let target = path(relative)
        try FileManager.default.createDirectory(at: target.deletingLastPathComponent(), withIntermediateDirectories: true)
        try PNGEncoder().encode(RGBImage(width: width, height: height, filledWith: color), text: text).write(to: target)
        return target
    }

    /// Writes a PNG with a horizontal gradient (so crop and resize matter).
    @discardableResult
    func writeGradientPNG(_ relative: String, width: Int, height: Int) throws -> URL {
        var pixels: [UInt8] = []
        for y in 0..<height {
            for x in 0..<width { pixels += [UInt8(x * 255 / (width - 1)), UInt8(y * 255 / (height - 1)), 90] }
        }
        let target = path(relative)
        try FileManager.default.createDirectory(at: target.deletingLastPathComponent(), withIntermediateDirectories: true)
        try PNGEncoder().encode(RGBImage(width: width, height: height, pixels: pixels)).write(to: target)
        return target
    }

    /// Writes raw bytes (a JSON, a sidecar, a broken image).
    @discardableResult
    func write(_ data: Data, to relative: String) throws -> URL {
        let target = path(relative)
        try FileManager.default.createDirectory(at: target.deletingLastPathComponent(), withIntermediateDirectories: true)
        try data.write(to: target)
        return target
    }

    /// Writes a COCO captions JSON from `(id, file_name)` images and `(image_id, caption)` annotations.
    @discardableResult
    func writeCOCO(_ relative: String, images: [(Int, String)], annotations: [(Int, String)]) throws -> URL {
        let json: [String: Any] = [
            "info": ["description": "tiny test set"],
            "images": images.map { ["id": $0.0, "file_name": $0.1, "width": 12, "height": 8] },
            "annotations": annotations.enumerated().map { ["id": $0.offset, "image_id": $0.element.0, "caption": $0.element.1] },
        ]
        return try write(JSONSerialization.data(withJSONObject: json, options: [.sortedKeys]), to: relative)
    }
}
