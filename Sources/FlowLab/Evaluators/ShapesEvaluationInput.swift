import FlowData
import FlowHDF5
import Foundation

/// Reads what `flowlab eval images` and `flowlab eval pairs` score from HDF5 files: images, captions, scenes.
///
/// A source is written `FILE.h5:/path` (a `samples.h5` group's dataset or a `flowlab data` file's);
/// every problem is a `ShapesEvaluationInputError` naming the file, the dataset and, for captions, the row.
///
/// ```swift
/// let images = try ShapesEvaluationInput.images("samples.h5:/t2i/images")      // uint8 [N, S, S, 3]
/// let captions = try ShapesEvaluationInput.captions("Data/shapes-test.h5:/captions")  // first caption per row
/// let prompts = try ShapesEvaluationInput.promptScenes("Data/shapes-test.h5:/captions")
/// ```
public enum ShapesEvaluationInput {
    /// Images read from one dataset: the bytes `[count, size, size, 3]`.
    public struct Images: Sendable {
        public var pixels: [UInt8]
        public var count: Int
        public var size: Int
    }

    /// Splits `FILE.h5:/path` at its last ':'; a path is required.
    public static func location(_ argument: String) throws -> (file: String, path: String) {
        guard let colon = argument.lastIndex(of: ":"), argument[argument.index(after: colon)...].hasPrefix("/") else {
            throw ShapesEvaluationInputError("expected FILE.h5:/dataset", location: argument)
        }
        return (String(argument[..<colon]), String(argument[argument.index(after: colon)...]))
    }

    /// The uint8 images `[N, S, S, 3]` at `FILE.h5:/path`.
    public static func images(_ argument: String) throws -> Images {
        let (file, path) = try location(argument)
        return try withDataset(file, path) { hdf5, info in
            guard info.dataType == .uint8, info.shape.count == 4, info.shape[1] == info.shape[2], info.shape[3] == 3, info.shape[0] >= 1 else {
                throw ShapesEvaluationInputError("expected uint8 images [N, S, S, 3] but found \(info.dataType) \(info.shape)",
                                                  location: "\(file):\(path)")
            }
            let pixels = try hdf5.readRows(path, 0..<info.shape[0], as: UInt8.self).values
            return Images(pixels: pixels, count: info.shape[0], size: info.shape[1])
        }
    }

    /// The captions at `FILE.h5:/path`: strings `[N]`, or `[N, K]` (a data file's references) of which the first is taken.
    public static func captions(_ argument: String) throws -> [String] {
        let (file, path) = try location(argument)
        return try withDataset(file, path) { hdf5, info in
            guard info.dataType == .string, (1...2).contains(info.shape.count), info.shape[0] >= 1 else {
                throw ShapesEvaluationInputError("expected strings [N] or [N, K] but found \(info.dataType) \(info.shape)",
                                                  location: "\(file):\(path)")
            }
            let strings = try hdf5.readStringRows(path, 0..<info.shape[0]).strings
            let width = info.shape.count == 2 ? info.shape[1] : 1
            return stride(from: 0, to: strings.count, by: width).map { strings[$0] }
        }
    }

    /// The scenes the captions at `FILE.h5:/path` describe; an ungrammatical prompt is an error naming its row.
    public static func promptScenes(_ argument: String) throws -> [ShapeScene] {
        try captions(argument).enumerated().map { row, caption in
            do {
                return try ShapeCaptionParser.parse(caption)
            } catch let error as DataError {
                throw ShapesEvaluationInputError("prompt row \(row) is not a shapes caption: \(error.message)", location: argument)
            }
        }
    }

    /// The true scenes stored in a `flowlab data render shapes` file's `/objects`.
    public static func scenes(_ file: String) throws -> [ShapeScene] {
        let reader: CaptionedImageFileReader
        do {
            reader = try CaptionedImageFileReader(url: URL(fileURLWithPath: file))
        } catch let error as DataError {
            // The error names the file already; its key (an HDF5 path) is added to it.
            throw ShapesEvaluationInputError(error.message, location: error.key.isEmpty ? file : "\(file):\(error.key)")
        }
        defer { try? reader.close() }
        guard reader.maximumObjects != nil else {
            throw ShapesEvaluationInputError("the file stores no scenes (/objects); files of `flowlab data render shapes` do", location: file)
        }
        return try reader.objects(0..<reader.count).enumerated().map { row, objects in
            guard let scene = ShapeScene(annotations: objects) else {
                throw ShapesEvaluationInputError("row \(row) is not a valid shapes scene", location: "\(file):/objects")
            }
            return scene
        }
    }

    private static func withDataset<T>(_ file: String, _ path: String, _ body: (HDF5File, HDF5DatasetInfo) throws -> T) throws -> T {
        guard FileManager.default.fileExists(atPath: file) else { throw ShapesEvaluationInputError("no such file", location: file) }
        let hdf5: HDF5File
        do {
            hdf5 = try HDF5File.open(URL(fileURLWithPath: file))
        } catch let error as HDF5Error {
            throw ShapesEvaluationInputError("cannot open as HDF5: \(error.message)", location: file)
        }
        defer { try? hdf5.close() }
        do {
            return try body(hdf5, try hdf5.datasetInfo(path))
        } catch let error as HDF5Error {
            throw ShapesEvaluationInputError(error.message, location: "\(file):\(path)")
        }
    }
}
