import FlowHDF5
import Foundation

/// Writes a captioned-image HDF5 file (see `CaptionedImageFileLayout`) row by row, atomically.
///
/// Records are buffered one chunk at a time and appended to extendable datasets, so a file of any
/// length is written without holding it in memory. The file appears at `url` only when `body`
/// returns; if anything throws, no file (and no partial file) is left there.
///
/// ```swift
/// try CaptionedImageFileWriter.write(to: url, imageSize: 32, maximumObjects: 2,
///                                    attributes: ["split": .string("train")]) { writer in
///     try writer.append(CaptionedImageRecord(pixels: pixels, captions: ["a red circle in the center"],
///                                            objects: [ObjectAnnotation(shape: 0, color: 0, size: 1, cell: 4)]))
/// }
/// ```
public final class CaptionedImageFileWriter {
    /// The side of every image in pixels.
    public let imageSize: Int
    /// Object slots per image (the width of `/objects/*`), or nil when the file stores no objects.
    public let maximumObjects: Int?
    /// Rows per HDF5 chunk (and per buffered append).
    public let chunkRows: Int
    /// Records appended so far (written or buffered).
    public private(set) var count = 0

    private let file: HDF5File
    private var pendingPixels: [UInt8] = []
    private var pendingCaptions: [String] = []
    private var pendingObjects: [[Int32]]
    private var pendingCount = 0

    /// Creates the file at `url` atomically: `body` appends records, then the file replaces anything at `url`.
    ///
    /// - Parameters:
    ///   - imageSize: the image side S, 1...`CaptionedImageFileLayout.maximumImageSize`.
    ///   - maximumObjects: object slots per image M (stores `/objects/*`), or nil for files without scenes.
    ///   - attributes: extra root attributes (e.g. `split`, `seed`, `shape_names`); the layout attributes are added.
    ///   - chunkRows: rows per chunk; by default as many as fit 1 MiB of pixels, at most 256.
    ///   - compression: gzip level for the images (0...9).
    public static func write(to url: URL, imageSize: Int, maximumObjects: Int? = nil,
                             attributes: [String: HDF5AttributeValue] = [:], chunkRows: Int? = nil, compression: Int = 4,
                             _ body: (CaptionedImageFileWriter) throws -> Void) throws {
        guard (1...CaptionedImageFileLayout.maximumImageSize).contains(imageSize) else {
            throw DataError("image size \(imageSize) is not in 1...\(CaptionedImageFileLayout.maximumImageSize)",
                            location: url.path)
        }
        if let maximumObjects, maximumObjects < 1 {
            throw DataError("maximum objects per image \(maximumObjects) must be at least 1", location: url.path)
        }
        let rows = chunkRows ?? min(256, max(1, (1 << 20) / (imageSize * imageSize * 3)))
        guard rows >= 1 else { throw DataError("chunk rows \(rows) must be at least 1", location: url.path) }
        try HDF5File.writeAtomically(to: url) { file in
            let writer = try CaptionedImageFileWriter(file: file, imageSize: imageSize, maximumObjects: maximumObjects,
                                                      chunkRows: rows, compression: compression)
            try writer.writeAttributes(attributes)
            try body(writer)
            try writer.flush()
        }
    }

    private init(file: HDF5File, imageSize: Int, maximumObjects: Int?, chunkRows: Int, compression: Int) throws {
        self.file = file
        self.imageSize = imageSize
        self.maximumObjects = maximumObjects
        self.chunkRows = chunkRows
        pendingObjects = Array(repeating: [], count: maximumObjects == nil ? 0 : CaptionedImageFileLayout.objectFields.count)
        try file.createRowDataset(at: CaptionedImageFileLayout.imagesPath, rowShape: [imageSize, imageSize, 3], as: UInt8.self,
                                  chunkRows: chunkRows, compression: compression)
        try file.createStringRowDataset(at: CaptionedImageFileLayout.captionsPath,
                                        rowShape: [CaptionedImageFileLayout.captionsPerImage], chunkRows: chunkRows)
        if let maximumObjects {
            for field in CaptionedImageFileLayout.objectFields {
                try file.createRowDataset(at: "\(CaptionedImageFileLayout.objectsGroup)/\(field)", rowShape: [maximumObjects],
                                          as: Int32.self, chunkRows: chunkRows, compression: compression)
            }
        }
    }

    /// Appends one record; it reaches the file with its chunk (or when the writer finishes).
    ///
    /// Throws a `DataError` naming the record's index when the pixels are not `[S, S, 3]`, there are more than
    /// 5 captions or a caption holds a NUL character, or there are more objects than slots (or objects in a file without them).
    public func append(_ record: CaptionedImageRecord) throws {
        let index = count
        let expected = imageSize * imageSize * 3
        guard record.pixels.count == expected else {
            throw DataError("image has \(record.pixels.count) bytes but \(imageSize) x \(imageSize) x 3 needs \(expected)",
                            location: file.url.path, key: "record \(index)")
        }
        let width = CaptionedImageFileLayout.captionsPerImage
        guard record.captions.count <= width else {
            throw DataError("\(record.captions.count) captions given but at most \(width) are stored per image",
                            location: file.url.path, key: "record \(index)")
        }
        if let bad = record.captions.firstIndex(where: { $0.utf8.contains(0) }) {
            throw DataError("caption \(bad) contains a NUL character", location: file.url.path, key: "record \(index)")
        }
        if let maximumObjects {
            guard record.objects.count <= maximumObjects else {
                throw DataError("\(record.objects.count) objects given but the file has \(maximumObjects) slots per image",
                                location: file.url.path, key: "record \(index)")
            }
            let fields = record.objects.map { [$0.shape, $0.color, $0.size, $0.cell] }
            for field in 0..<pendingObjects.count {
                for slot in 0..<maximumObjects {
                    pendingObjects[field].append(slot < fields.count ? Int32(clamping: fields[slot][field]) : -1)
                }
            }
        } else if !record.objects.isEmpty {
            throw DataError("the record has objects but the file was created without object slots",
                            location: file.url.path, key: "record \(index)")
        }
        pendingPixels.append(contentsOf: record.pixels)
        pendingCaptions.append(contentsOf: record.captions)
        pendingCaptions.append(contentsOf: repeatElement("", count: width - record.captions.count))
        pendingCount += 1
        count += 1
        if pendingCount == chunkRows { try flush() }
    }

    /// Appends the buffered records to the datasets.
    private func flush() throws {
        guard pendingCount > 0 else { return }
        try file.appendRows(pendingPixels, to: CaptionedImageFileLayout.imagesPath)
        try file.appendStringRows(pendingCaptions, to: CaptionedImageFileLayout.captionsPath)
        for (field, values) in zip(CaptionedImageFileLayout.objectFields, pendingObjects) {
            try file.appendRows(values, to: "\(CaptionedImageFileLayout.objectsGroup)/\(field)")
        }
        pendingPixels.removeAll(keepingCapacity: true)
        pendingCaptions.removeAll(keepingCapacity: true)
        for field in pendingObjects.indices { pendingObjects[field].removeAll(keepingCapacity: true) }
        pendingCount = 0
    }

    /// Writes the layout attributes and the caller's, which may not replace the layout's own.
    private func writeAttributes(_ attributes: [String: HDF5AttributeValue]) throws {
        let layoutAttributes: [String: HDF5AttributeValue] = [
            "format": .string(CaptionedImageFileLayout.format),
            "format_version": .int(CaptionedImageFileLayout.formatVersion),
            "layout": .string(CaptionedImageFileLayout.description),
            "image_size": .int(imageSize),
            "captions_per_image": .int(CaptionedImageFileLayout.captionsPerImage),
        ]
        if let clash = attributes.keys.sorted().first(where: { layoutAttributes[$0] != nil }) {
            throw DataError("attribute '\(clash)' is set by the layout itself", location: file.url.path, key: clash)
        }
        for (name, value) in layoutAttributes.merging(attributes, uniquingKeysWith: { first, _ in first }).sorted(by: { $0.key < $1.key }) {
            try file.setAttribute(name, value)
        }
    }
}
