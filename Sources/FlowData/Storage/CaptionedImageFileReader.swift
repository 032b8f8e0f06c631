import FlowHDF5
import Foundation

/// Reads a captioned-image HDF5 file (see `CaptionedImageFileLayout`) by row ranges, never the whole file at once.
///
/// Opening checks the layout (dataset types and shapes agree with each other), so a file that opens
/// can be read anywhere; a file written by another tool with the same layout reads too (attributes
/// other than the datasets are optional).
///
/// ```swift
/// let reader = try CaptionedImageFileReader(url: url)
/// let batch = try reader.records(0..<64)        // pixels, captions and objects of rows 0...63
/// print(reader.count, reader.imageSize, try reader.stringListAttribute("color_names") ?? [])
/// ```
public final class CaptionedImageFileReader {
    /// The file's location.
    public let url: URL
    /// The number of images N.
    public let count: Int
    /// The image side S.
    public let imageSize: Int
    /// Object slots per image M, or nil when the file stores no objects.
    public let maximumObjects: Int?
    /// The root attributes, by name.
    public let attributes: [String: HDF5AttributeValue]

    private let file: HDF5File

    /// Opens `url` read-only and checks its layout; throws a `DataError` naming the file and dataset that do not fit.
    public init(url: URL) throws {
        self.url = url
        do {
            file = try HDF5File.open(url)
        } catch let error as HDF5Error {
            throw DataError("cannot open as a captioned-image file: \(error.message)", location: url.path)
        }
        let images = try Self.info(file, CaptionedImageFileLayout.imagesPath, url: url)
        guard images.dataType == .uint8, images.shape.count == 4, images.shape[1] == images.shape[2], images.shape[3] == 3,
              images.shape[1] >= 1 else {
            throw DataError("expected uint8 [N, S, S, 3] but found \(images.dataType) \(images.shape)",
                            location: url.path, key: CaptionedImageFileLayout.imagesPath)
        }
        count = images.shape[0]
        imageSize = images.shape[1]
        let captions = try Self.info(file, CaptionedImageFileLayout.captionsPath, url: url)
        let width = CaptionedImageFileLayout.captionsPerImage
        guard captions.dataType == .string, captions.shape == [count, width] else {
            throw DataError("expected strings [\(count), \(width)] but found \(captions.dataType) \(captions.shape)",
                            location: url.path, key: CaptionedImageFileLayout.captionsPath)
        }
        var slots: Int?
        if (try? file.exists(CaptionedImageFileLayout.objectsGroup)) == true {
            for field in CaptionedImageFileLayout.objectFields {
                let path = "\(CaptionedImageFileLayout.objectsGroup)/\(field)"
                let info = try Self.info(file, path, url: url)
                guard info.dataType == .int32, info.shape.count == 2, info.shape[0] == count, info.shape[1] >= 1,
                      slots == nil || slots == info.shape[1] else {
                    throw DataError("expected int32 [\(count), M] (M equal for every field) but found \(info.dataType) \(info.shape)",
                                    location: url.path, key: path)
                }
                slots = info.shape[1]
            }
        }
        maximumObjects = slots
        do {
            attributes = try file.attributes()
        } catch let error as HDF5Error {
            throw DataError("cannot read the root attributes: \(error.message)", location: url.path)
        }
    }

    /// The pixels of rows `rows`, uint8 `[rows.count, S, S, 3]` row-major.
    public func images(_ rows: Range<Int>) throws -> [UInt8] {
        try checked(rows, CaptionedImageFileLayout.imagesPath) { try file.readRows($0, rows, as: UInt8.self).values }
    }

    /// The 5 caption slots of each row in `rows` ("" where an image has fewer captions).
    public func captionSlots(_ rows: Range<Int>) throws -> [[String]] {
        let width = CaptionedImageFileLayout.captionsPerImage
        let flat = try checked(rows, CaptionedImageFileLayout.captionsPath) { try file.readStringRows($0, rows).strings }
        return (0..<rows.count).map { Array(flat[($0 * width)..<(($0 + 1) * width)]) }
    }

    /// The captions of each row in `rows`, without the empty slots.
    public func captions(_ rows: Range<Int>) throws -> [[String]] {
        try captionSlots(rows).map { $0.filter { !$0.isEmpty } }
    }

    /// The objects of each row in `rows` (empty lists when the file stores none).
    public func objects(_ rows: Range<Int>) throws -> [[ObjectAnnotation]] {
        guard let slots = maximumObjects else { return Array(repeating: [], count: rows.count) }
        var fields: [[Int32]] = []
        for field in CaptionedImageFileLayout.objectFields {
            let path = "\(CaptionedImageFileLayout.objectsGroup)/\(field)"
            fields.append(try checked(rows, path) { try file.readRows($0, rows, as: Int32.self).values })
        }
        return (0..<rows.count).map { row in
            (0..<slots).compactMap { slot -> ObjectAnnotation? in
                let index = row * slots + slot
                guard fields.allSatisfy({ $0[index] >= 0 }) else { return nil }
                return ObjectAnnotation(shape: Int(fields[0][index]), color: Int(fields[1][index]),
                                        size: Int(fields[2][index]), cell: Int(fields[3][index]))
            }
        }
    }

    /// Pixels, captions (without empty slots) and objects of rows `rows`.
    public func records(_ rows: Range<Int>) throws -> [CaptionedImageRecord] {
        let pixels = try images(rows)
        let captionLists = try captions(rows)
        let objectLists = try objects(rows)
        let imageBytes = imageSize * imageSize * 3
        return (0..<rows.count).map { row in
            CaptionedImageRecord(pixels: Array(pixels[(row * imageBytes)..<((row + 1) * imageBytes)]),
                                 captions: captionLists[row], objects: objectLists[row])
        }
    }

    /// The root attribute `name` as a list of strings (e.g. `color_names`), or nil when it is absent.
    public func stringListAttribute(_ name: String) throws -> [String]? {
        guard let value = attributes[name] else { return nil }
        guard let strings = value.stringsValue else {
            throw DataError("expected a list of strings but found \(value)", location: url.path, key: "attribute \(name)")
        }
        return strings
    }

    /// Closes the file; later reads throw.
    public func close() throws { try file.close() }

    /// Checks `rows` lies inside the file, then reads through `body`, turning HDF5 errors into `DataError`s.
    private func checked<T>(_ rows: Range<Int>, _ path: String, _ body: (String) throws -> T) throws -> T {
        guard rows.lowerBound >= 0, rows.upperBound <= count else {
            throw DataError("rows \(rows.lowerBound)..<\(rows.upperBound) are outside the \(count) images", location: url.path, key: path)
        }
        do {
            return try body(path)
        } catch let error as HDF5Error {
            throw DataError("cannot read rows \(rows.lowerBound)..<\(rows.upperBound): \(error.message)", location: url.path, key: path)
        }
    }

    /// The dataset info at `path`, or a `DataError` saying it is missing.
    private static func info(_ file: HDF5File, _ path: String, url: URL) throws -> HDF5DatasetInfo {
        do {
            return try file.datasetInfo(path)
        } catch let error as HDF5Error {
            throw DataError("not a captioned-image file: \(error.message)", location: url.path, key: path)
        }
    }
}
