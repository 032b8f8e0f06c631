import FlowData
import Foundation
import XCTest

/// Datasets and batches: generated and rendered shapes agree, batch order is deterministic and resumable, epochs cover every row.
final class CaptionedImageLoaderTests: XCTestCase {
    private var folder: URL!

    override func setUpWithError() throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("loader-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(at: folder)
    }

    func testRenderedFileHoldsTheGeneratedRecordsAndScenes() throws {
        let configuration = try ShapesConfiguration(imageSize: 16, objectCounts: [1, 2], seed: 8)
        let generator = ShapesGenerator(configuration: configuration, split: .val)
        let url = folder.appendingPathComponent("val.h5")
        var reported: [Int] = []
        try generator.writeFile(to: url, count: 300) { reported.append($0) }
        XCTAssertEqual(reported.last, 300)
        let fromFile = try ShapesDataset(url: url)
        let generated = try ShapesDataset(configuration: configuration, split: .val, count: 300)
        let indices = [0, 1, 2, 150, 255, 256, 299]
        XCTAssertEqual(try fromFile.records(at: indices), try generated.records(at: indices))
        for record in try fromFile.records(at: indices) {
            let scene = try XCTUnwrap(ShapesDataset.scene(of: record))
            XCTAssertEqual(try ShapeCaptionParser.parse(record.captions[0]), scene)
        }
        let reader = try CaptionedImageFileReader(url: url)
        XCTAssertEqual(try reader.stringListAttribute("cell_names")?.first, "top left")
        XCTAssertEqual(reader.attributes["split"], .string("val"))
        XCTAssertEqual(reader.attributes["seed"], .int(8))
        XCTAssertThrowsError(try generator.writeFile(to: folder.appendingPathComponent("none.h5"), count: 0))
        XCTAssertFalse(FileManager.default.fileExists(atPath: folder.appendingPathComponent("none.h5").path))
    }

    func testBatchOrderIsDeterministicResumableAndCoversEachEpoch() throws {
        let configuration = try ShapesConfiguration(imageSize: 16, seed: 1)
        let url = folder.appendingPathComponent("train.h5")
        try CaptionedImageFileWriter.write(to: url, imageSize: 16, maximumObjects: 1,
                                           attributes: ShapesGenerator(configuration: configuration, split: .train).fileAttributes,
                                           chunkRows: 10) { writer in
            for record in ShapesGenerator(configuration: configuration, split: .train).records(0..<95) { try writer.append(record) }
        }
        let dataset = try HDF5CaptionedImageDataset(url: url)
        XCTAssertEqual(dataset.blockRows, 10)
        var loader = CaptionedImageLoader(source: dataset, batchSize: 16, seed: 3, windowBlocks: 2)
        XCTAssertEqual(loader.batchesPerEpoch, 5)
        var firstRun: [CaptionedImageBatch] = []
        for _ in 0..<8 { firstRun.append(try loader.next()) }
        XCTAssertEqual(loader.position, BatchPosition(epoch: 1, batch: 3))
        let epochRows = firstRun.prefix(5).flatMap(\.indices)
        XCTAssertEqual(Set(epochRows).count, 80, "an epoch visits distinct rows")
        XCTAssertNotEqual(firstRun[0].indices, firstRun[5].indices, "epochs are shuffled differently")
        XCTAssertNotEqual(firstRun[0].indices, Array(firstRun[0].indices).sorted(), "rows are shuffled inside a batch")
        for batch in firstRun.prefix(5) {
            XCTAssertLessThanOrEqual(Set(batch.indices.map { $0 / 10 }).count, 4, "a batch touches at most two windows of blocks")
        }

        var resumed = CaptionedImageLoader(source: dataset, batchSize: 16, seed: 3, windowBlocks: 2)
        resumed.position = BatchPosition(epoch: 0, batch: 4)
        XCTAssertEqual(try resumed.next(), firstRun[4])
        XCTAssertEqual(try resumed.next(), firstRun[5])
        XCTAssertEqual(try resumed.batch(at: BatchPosition(epoch: 1, batch: 2)), firstRun[7])

        let batch = firstRun[0]
        XCTAssertEqual(batch.pixels.count, 16 * 16 * 16 * 3)
        for (caption, references) in zip(batch.captions, batch.references) { XCTAssertTrue(references.contains(caption)) }
        XCTAssertEqual(batch.imageTensor().shape, [16, 16, 16, 3])
        XCTAssertEqual(batch.tokens(WordTokenizer.shapes, length: 12).count, 16 * 12)
        let generatedLoaderBatch = try {
            var generated = CaptionedImageLoader(source: try ShapesDataset(configuration: configuration, split: .train, count: 95),
                                                 batchSize: 16, seed: 3)
            return try generated.next()
        }()
        XCTAssertEqual(generatedLoaderBatch.pixels.count, batch.pixels.count)
    }
}
