import Foundation

/// The `shapes` data set: generated on the fly from its settings, or read from a file `flowlab data render` wrote.
///
/// On the fly, row i is `ShapesGenerator.record(at: i)` for `i < count`: nothing is stored and any row
/// costs one render. From a file, rows are read like any `hdf5` data set and the file's attributes must
/// say it holds shapes.
///
/// ```swift
/// let train = try ShapesDataset(configuration: ShapesConfiguration(seed: 1), split: .train, count: 20_000)
/// let test = try ShapesDataset(url: URL(fileURLWithPath: "Data/shapes-test.h5"))
/// ```
public final class ShapesDataset: CaptionedImageSource {
    private enum Storage {
        case generated(ShapesGenerator)
        case file(HDF5CaptionedImageDataset)
    }

    private let storage: Storage
    public let count: Int
    public var imageSize: Int {
        switch storage {
        case .generated(let generator): generator.configuration.imageSize
        case .file(let dataset): dataset.imageSize
        }
    }
    public var blockRows: Int {
        switch storage {
        case .generated: 1
        case .file(let dataset): dataset.blockRows
        }
    }

    /// Rows `0..<count` of `split` generated on demand; throws for a count below 1.
    public init(configuration: ShapesConfiguration, split: ShapesSplit, count: Int) throws {
        guard count >= 1 else { throw DataError("shapes count \(count) must be at least 1", key: "count") }
        storage = .generated(ShapesGenerator(configuration: configuration, split: split))
        self.count = count
    }

    /// The rows of a rendered shapes file; throws unless its `source` attribute is "shapes" and it stores objects.
    public init(url: URL) throws {
        let dataset = try HDF5CaptionedImageDataset(url: url)
        guard dataset.reader.attributes["source"]?.stringValue == "shapes", dataset.reader.maximumObjects != nil else {
            throw DataError("not a shapes file (its 'source' attribute is not \"shapes\" or it has no /objects); use the hdf5 data set",
                            location: url.path, key: "attribute source")
        }
        storage = .file(dataset)
        count = dataset.count
    }

    public func records(at indices: [Int]) throws -> [CaptionedImageRecord] {
        switch storage {
        case .generated(let generator):
            if let bad = indices.first(where: { !(0..<count).contains($0) }) {
                throw DataError("row \(bad) is outside the \(count) rows", location: "shapes \(generator.split.rawValue)")
            }
            return indices.map(generator.record(at:))
        case .file(let dataset):
            return try dataset.records(at: indices)
        }
    }

    /// The ground-truth scene of `record` (nil when its objects are not a valid shapes scene).
    public static func scene(of record: CaptionedImageRecord) -> ShapeScene? {
        ShapeScene(annotations: record.objects)
    }
}
