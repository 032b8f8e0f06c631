import FlowHDF5
import Foundation

/// The `hdf5` data set: any captioned-image file (rendered or imported), read a few row runs per batch.
///
/// ```swift
/// let dataset = try HDF5CaptionedImageDataset(url: URL(fileURLWithPath: "Data/coco-train.h5"))
/// var loader = CaptionedImageLoader(source: dataset, batchSize: 64, seed: 1)
/// let batch = try loader.next()
/// ```
public final class HDF5CaptionedImageDataset: CaptionedImageSource {
    /// The open file.
    public let reader: CaptionedImageFileReader
    public var count: Int { reader.count }
    public var imageSize: Int { reader.imageSize }
    public let blockRows: Int

    /// Opens `url` (checking its layout); blocks follow the file's image chunks.
    public init(url: URL) throws {
        reader = try CaptionedImageFileReader(url: url)
        let file = try HDF5File.open(url)
        defer { try? file.close() }
        blockRows = (try? file.datasetInfo(CaptionedImageFileLayout.imagesPath).chunkShape?.first) ?? 64
    }

    /// Reads each run of consecutive indices with one range read per dataset.
    public func records(at indices: [Int]) throws -> [CaptionedImageRecord] {
        var result: [CaptionedImageRecord] = []
        result.reserveCapacity(indices.count)
        var runStart = 0
        while runStart < indices.count {
            var runEnd = runStart + 1
            while runEnd < indices.count, indices[runEnd] == indices[runEnd - 1] + 1 { runEnd += 1 }
            result += try reader.records(indices[runStart]..<(indices[runEnd - 1] + 1))
            runStart = runEnd
        }
        return result
    }
}
