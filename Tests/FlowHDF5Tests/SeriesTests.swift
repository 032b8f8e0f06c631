import XCTest
@testable import FlowHDF5

/// Appendable 1-D series, the training-curve format.
final class SeriesTests: HDF5TestCase {
    func testSeriesGrowsAcrossCloseAndReopen() throws {
        let url = fileURL("metrics.h5")
        let first = try HDF5File.openOrCreate(url)
        try first.appendSeries(0.9, to: "/train/loss")
        try first.appendSeries([0.8, 0.7], to: "/train/loss")
        try first.appendSeries([Int64(10), 20, 30], to: "/train/step")
        try first.close()

        let resumed = try HDF5File.openOrCreate(url)
        let batch = (0..<2000).map { 0.7 - Double($0) * 1e-4 }
        try resumed.appendSeries(batch, to: "/train/loss")
        try resumed.appendSeries([Double](), to: "/train/loss")
        try resumed.close()

        let reader = try HDF5File.open(url)
        XCTAssertEqual(try reader.readSeries("/train/loss", as: Double.self), [0.9, 0.8, 0.7] + batch)
        XCTAssertEqual(try reader.readSeries("/train/step", as: Int64.self), [10, 20, 30])
        let info = try reader.datasetInfo("/train/loss")
        XCTAssertEqual(info.shape, [2003])
        XCTAssertEqual(info.chunkShape, [HDF5File.seriesChunkLength])
        XCTAssertTrue(info.isExtendable)
    }

    func testAppendingTheWrongTypeOrToAFixedDatasetFails() throws {
        let file = try HDF5File.create(fileURL("series.h5"))
        try file.appendSeries([1.0], to: "/train/loss")
        let wrongType = expectHDF5Error(.typeMismatch) { try file.appendSeries([Float(1)], to: "/train/loss") }
        XCTAssertEqual(wrongType?.message, "the series stores float64 but float32 (Float) values were appended")
        try file.write([1.0, 2.0], to: "/fixed")
        expectHDF5Error(.notAppendable) { try file.appendSeries(3.0, to: "/fixed") }
        XCTAssertEqual(try file.readSeries("/train/loss", as: Double.self), [1.0])
    }
}
