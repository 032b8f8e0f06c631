import XCTest
@testable import FlowHDF5

/// Files written by FlowHDF5 are readable by the reference `h5dump` tool (skipped when it is not installed).
final class H5DumpTests: HDF5TestCase {
    func testH5DumpReadsDatasetsStringsSeriesAndAttributes() throws {
        let url = fileURL("metrics.h5")
        let file = try HDF5File.create(url)
        try file.write([Float(1.5), -2, 3.25, 4], shape: [2, 2], to: "/data/points", compression: 5)
        try file.write([Int32(7), 8], to: "/data/labels")
        try file.appendSeries([0.5, 0.25], to: "/train/loss")
        try file.appendSeries(0.125, to: "/train/loss")
        try file.writeStrings(["alpha", "beta"], to: "/names")
        try file.write(0.75, to: "/eval/cfg/label_tv")
        try file.setAttribute("description", "total variation", at: "/eval/cfg/label_tv")
        try file.setAttribute("step", .int(1000))
        try file.close()

        let points = try H5Dump.output(["-p", "-d", "/data/points"], file: url)
        XCTAssertTrue(points.contains("H5T_IEEE_F32LE"), points)
        XCTAssertTrue(points.contains("( 2, 2 )"), points)
        XCTAssertTrue(points.contains("(0,0): 1.5, -2,"), points)
        XCTAssertTrue(points.contains("(1,0): 3.25, 4"), points)
        XCTAssertTrue(points.contains("COMPRESSION DEFLATE { LEVEL 5 }"), points)

        let loss = try H5Dump.output(["-d", "/train/loss"], file: url)
        XCTAssertTrue(loss.contains("( 3 ) / ( H5S_UNLIMITED )"), loss)
        XCTAssertTrue(loss.contains("(0): 0.5, 0.25, 0.125"), loss)

        let labels = try H5Dump.output(["-d", "/data/labels"], file: url)
        XCTAssertTrue(labels.contains("H5T_STD_I32LE"), labels)
        XCTAssertTrue(labels.contains("(0): 7, 8"), labels)

        let names = try H5Dump.output(["-d", "/names"], file: url)
        XCTAssertTrue(names.contains("(0): \"alpha\", \"beta\""), names)

        let metric = try H5Dump.output(["-d", "/eval/cfg/label_tv"], file: url)
        XCTAssertTrue(metric.contains("SCALAR"), metric)
        XCTAssertTrue(metric.contains("(0): 0.75"), metric)
        XCTAssertTrue(metric.contains("\"total variation\""), metric)

        let root = try H5Dump.output(["-a", "/step"], file: url)
        XCTAssertTrue(root.contains("H5T_STD_I64LE"), root)
        XCTAssertTrue(root.contains("(0): 1000"), root)
    }
}
