import XCTest
@testable import FlowHDF5

/// Chunked and gzip-compressed datasets.
final class CompressionTests: HDF5TestCase {
    /// A compressible 256x256 tensor (a smooth ramp repeated along rows).
    private let ramp: [Float] = (0..<(256 * 256)).map { Float($0 % 256) / 256 }

    func testCompressedDatasetRoundTripsAndIsSmallerThanUncompressed() throws {
        let compressedURL = fileURL("compressed.h5")
        let plainURL = fileURL("plain.h5")
        let compressed = try HDF5File.create(compressedURL)
        try compressed.write(ramp, shape: [256, 256], to: "/params/embedding.weight", compression: 6, chunks: [64, 256])
        try compressed.close()
        let plain = try HDF5File.create(plainURL)
        try plain.write(ramp, shape: [256, 256], to: "/params/embedding.weight")
        try plain.close()

        let reopened = try HDF5File.open(compressedURL)
        XCTAssertEqual(try reopened.read("/params/embedding.weight", as: Float.self).values, ramp)
        let info = try reopened.datasetInfo("/params/embedding.weight")
        XCTAssertEqual(info.chunkShape, [64, 256])
        XCTAssertEqual(info.compressionLevel, 6)
        XCTAssertFalse(info.isExtendable)

        let compressedSize = try XCTUnwrap(FileManager.default.attributesOfItem(atPath: compressedURL.path)[.size] as? Int)
        let plainSize = try XCTUnwrap(FileManager.default.attributesOfItem(atPath: plainURL.path)[.size] as? Int)
        XCTAssertGreaterThan(plainSize, 256 * 256 * 4)
        XCTAssertLessThan(compressedSize * 10, plainSize, "compressed \(compressedSize) bytes vs plain \(plainSize) bytes")
    }

    func testAutomaticChunksHoldAtMostOneMebibyte() throws {
        XCTAssertEqual(HDF5ChunkLayout.automaticChunkShape(for: [10, 3], elementSize: 4), [10, 3])
        XCTAssertEqual(HDF5ChunkLayout.automaticChunkShape(for: [1024, 1024], elementSize: 4), [512, 512])
        let file = try HDF5File.create(fileURL("auto.h5"))
        try file.write(ramp, shape: [4, 128, 128], to: "/cube", compression: 1)
        XCTAssertEqual(try file.datasetInfo("/cube").chunkShape, [4, 128, 128])
        XCTAssertEqual(try file.read("/cube", as: Float.self).values, ramp)
    }

    func testInvalidCompressionSettingsAreRejected() throws {
        let file = try HDF5File.create(fileURL("invalid.h5"))
        expectHDF5Error(.invalidArgument) { try file.write(ramp, shape: [256, 256], to: "/x", compression: 10) }
        expectHDF5Error(.invalidArgument) { try file.write(ramp, shape: [256, 256], to: "/x", chunks: [512, 1]) }
        expectHDF5Error(.invalidArgument) { try file.write(ramp, shape: [256, 256], to: "/x", chunks: [64]) }
        expectHDF5Error(.invalidArgument) { try file.write([Float(1)], shape: [], to: "/x", compression: 4) }
        XCTAssertFalse(try file.exists("/x"))
    }
}
